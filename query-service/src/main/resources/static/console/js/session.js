// Who is signed in. The token lives in sessionStorage only (gone with the tab, never in a URL or cookie);
// what the console offers follows GET /api/v1/me, the services still decide every call.

const TOKEN_KEY = 'sslplane.console.token';

export class Session {
  constructor() {
    this.me = null;
  }

  token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token.trim());
    this.me = null;
  }

  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    this.me = null;
  }

  get signedIn() {
    return Boolean(this.token());
  }

  /** Loads {name, roles, instances} for the token; roles are the effective ones (admin implies operator). */
  async load(api) {
    const me = await api.json(api.query('/me'));
    this.me = {
      name: String(me?.name ?? 'unknown'),
      roles: Array.isArray(me?.roles) ? me.roles.map(r => String(r).toLowerCase()) : [],
      instances: Array.isArray(me?.instances) ? me.instances.map(String) : [],
    };
    return this.me;
  }

  has(role) {
    return Boolean(this.me?.roles.includes(role));
  }

  /** Commands (enable, rotate, disable, retry) are offered to operators on instances in their scope. */
  mayOperate(instanceId) {
    return this.has('operator') && this.covers(instanceId);
  }

  mayAudit() {
    return this.has('auditor');
  }

  /** Same rule as the services' InstanceScope: ids or globs with '*'; none or '*' means every instance. */
  covers(instanceId) {
    const patterns = this.me?.instances ?? [];
    if (patterns.length === 0 || patterns.includes('*')) {
      return true;
    }
    return patterns.some(pattern => globToRegExp(pattern).test(instanceId));
  }
}

function globToRegExp(glob) {
  const escaped = glob.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
