// What kind of target a value is, checked as it is typed. It follows the server's TargetParser (most specific kind
// first) closely enough to say "looks like an email, but this collector takes domain"; the server's check at
// submit is the one that counts, and its answer is shown the same way.

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HASH = /^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128})$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;
const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const USERNAME = /^[\p{L}\p{N}._-]{1,64}$/u;
const PERSON_NAME = /^[\p{L}][\p{L}'’.-]*( [\p{L}][\p{L}'’.-]*){1,5}$/u;
const SPECIFICITY = ['ip', 'cidr', 'email', 'url', 'hash', 'phone', 'domain', 'person_name', 'username'];
const MAX_LENGTH = 2048;

function ip(value) {
  if (IPV4.test(value)) return true;
  if (!value.includes(':') || value.length > 45 || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
  try {
    return Boolean(new URL(`http://[${value}]/`).hostname);
  } catch {
    return false;
  }
}

function cidr(value) {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix) || !ip(address)) return false;
  return Number(prefix) <= (address.includes(':') ? 128 : 32);
}

/** Empty when value is a valid domain, else what is wrong with it. */
export function domainProblem(value) {
  const trimmed = value.endsWith('.') ? value.slice(0, -1) : value;
  const labels = trimmed.split('.');
  if (labels.some(l => !l.length)) return 'has an empty label';
  if (labels.length < 2) return 'needs at least two labels, such as example.com';
  let ascii;
  try {
    ascii = new URL(`http://${trimmed}/`).hostname; // punycode, as the server converts it
  } catch {
    return 'is not a valid host name';
  }
  const asciiLabels = ascii.split('.');
  if (ascii.length > 253) return 'longer than 253 characters';
  for (const label of asciiLabels) {
    if (label.length > 63) return `label '${label.slice(0, 20)}…' is longer than 63 characters`;
    if (!LABEL.test(label)) return `label '${label}' may hold only letters, digits, '-' and '_'`;
  }
  if (/^\d+$/.test(asciiLabels[asciiLabels.length - 1])) return 'the top-level label is numeric';
  return '';
}

function email(value) {
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.indexOf('@') !== at) return false;
  const local = value.slice(0, at);
  if (!EMAIL_LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return !domainProblem(value.slice(at + 1));
}

function url(value) {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const u = new URL(value);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return ip(host) || !domainProblem(host);
  } catch {
    return false;
  }
}

function phone(value) {
  if (!PHONE.test(value)) return false;
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length >= 7 && digits.length <= 15;
}

const CHECKS = {
  ip, cidr, email, url,
  hash: v => HASH.test(v),
  phone,
  domain: v => !domainProblem(v),
  person_name: v => PERSON_NAME.test(v) && v.length <= 100,
  username: v => USERNAME.test(v.startsWith('@') ? v.slice(1) : v),
};

/** The kinds this value could be, most specific first. */
export function kindsOf(value) {
  return SPECIFICITY.filter(kind => CHECKS[kind](value));
}

/**
 * {kind} when the value fits one of the accepted kinds (the first, most specific, that fits); otherwise {problem}.
 */
export function checkTarget(raw, accepted) {
  if (!raw || !raw.trim()) return {problem: 'is required'};
  // eslint-disable-next-line no-control-regex
  const control = raw.search(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/);
  if (control >= 0) return {problem: `contains a control character at position ${control}`};
  const value = raw.trim();
  if (value.length > MAX_LENGTH) return {problem: `is ${value.length} characters long; at most ${MAX_LENGTH}`};
  for (const kind of SPECIFICITY) {
    if (accepted.includes(kind) && CHECKS[kind](value)) return {kind};
  }
  const actual = kindsOf(value).filter(k => k !== 'username' && k !== 'person_name');
  if (accepted.includes('domain') && value.includes('.') && !actual.length) {
    return {problem: `is not a valid domain: ${domainProblem(value)}`};
  }
  if (actual.length) return {problem: `looks like ${actual.join(', ')}, but this collector accepts ${accepted.join(', ')}`};
  return {problem: `is not a valid ${accepted.join(' or ')}`};
}
