// localStorage that never throws. Private browsing, a full quota or disabled storage must
// not stop a phone from taking part: values then live in memory for this page's life.

const memory = new Map();

function local() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // some browsers throw on mere access when storage is disabled
  }
}

export const storage = {
  get(key) {
    try {
      const v = local()?.getItem(key);
      if (v !== null && v !== undefined) return v;
    } catch {
      /* fall back to memory */
    }
    return memory.has(key) ? memory.get(key) : null;
  },
  set(key, value) {
    memory.set(key, value);
    try {
      local()?.setItem(key, value);
    } catch {
      /* kept in memory */
    }
  },
  remove(key) {
    memory.delete(key);
    try {
      local()?.removeItem(key);
    } catch {
      /* nothing to do */
    }
  },
  getJSON(key, fallback) {
    const v = this.get(key);
    if (v === null) return fallback;
    try {
      return JSON.parse(v);
    } catch {
      return fallback;
    }
  },
  setJSON(key, value) {
    this.set(key, JSON.stringify(value));
  },
};
