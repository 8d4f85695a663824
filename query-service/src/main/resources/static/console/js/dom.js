// Builds elements without innerHTML, so server data is never parsed as markup (and no inline script or style is
// needed, which keeps the page within a strict Content-Security-Policy).

/**
 * h('button', {class: 'primary', onclick: fn, 'aria-label': 'x'}, 'text', child, [more])
 * Attributes that are null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : String(child));
    }
  }
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/**
 * Replaces a region that is re-rendered while the user may be in it (live progress, the switch): if focus was on
 * an element with an id inside it, the new element with that id gets the focus back.
 */
export function refill(element, ...children) {
  const active = document.activeElement;
  const focusedId = active && active !== element && element.contains(active) ? active.id : null;
  fill(element, ...children);
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again && element.contains(again)) {
      focusOn(again);
    }
  }
  return element;
}

/** Moves keyboard focus to a heading or region that was just rendered (it gets tabindex -1 if needed). */
export function focusOn(element) {
  if (!element) {
    return;
  }
  if (!element.hasAttribute('tabindex') && !['A', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)) {
    element.setAttribute('tabindex', '-1');
  }
  element.focus();
}
