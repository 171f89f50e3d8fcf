/*
 * Clientela web chat. A page adds <script src="https://…/widget.js" async></script> and gets a
 * chat bubble. Plain JavaScript, no framework, no build. Whatever people wrote is shown with
 * textContent and never parsed as HTML.
 */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || window.clientelaWebchat) return;
  window.clientelaWebchat = true;

  // The API lives beside the script, so one address in the snippet is all the page needs.
  const base = new URL('./', script.src);
  const api = (path) => new URL(path, base).href;
  const liveUrl = api('api/live').replace(/^http/, 'ws');
  const storageKey = `clientela-webchat:${base.href}`;

  const language = document.documentElement.lang || navigator.language || 'pt-BR';
  const TEXT = /^pt/i.test(language)
    ? {
        title: 'Fale conosco',
        open: 'Abrir o chat',
        close: 'Fechar o chat',
        greeting: 'Olá! Como podemos ajudar?',
        placeholder: 'Escreva sua mensagem…',
        send: 'Enviar',
        name: 'Seu nome',
        email: 'Seu e-mail',
        start: 'Começar a conversa',
        reconnecting: 'Reconectando…',
        errors: {
          text_empty: 'Escreva uma mensagem antes de enviar.',
          text_too_long: 'Sua mensagem é longa demais: o máximo é {max} caracteres.',
          too_large: 'Sua mensagem é grande demais.',
          name_too_long: 'O nome é longo demais: o máximo é {maxName} caracteres.',
          name_missing: 'Diga seu nome para começar.',
          email_invalid: 'Este e-mail não parece válido.',
          profile_required: 'Informe seu nome e e-mail para começar.',
          rate_limited: 'Você enviou muitas mensagens seguidas. Aguarde um instante.',
          unauthorized: 'Sua sessão expirou e a conversa recomeçou. Envie de novo.',
          network: 'Sem conexão. Verifique sua internet e tente de novo.',
          other: 'Não foi possível enviar. Tente de novo.',
        },
      }
    : {
        title: 'Chat with us',
        open: 'Open the chat',
        close: 'Close the chat',
        greeting: 'Hi! How can we help?',
        placeholder: 'Write your message…',
        send: 'Send',
        name: 'Your name',
        email: 'Your email',
        start: 'Start chatting',
        reconnecting: 'Reconnecting…',
        errors: {
          text_empty: 'Write a message before sending.',
          text_too_long: 'Your message is too long: at most {max} characters.',
          too_large: 'Your message is too large.',
          name_too_long: 'The name is too long: at most {maxName} characters.',
          name_missing: 'Tell us your name to start.',
          email_invalid: 'This email does not look valid.',
          profile_required: 'Give your name and email to start.',
          rate_limited: 'You sent many messages in a row. Please wait a moment.',
          unauthorized: 'Your session expired and the chat started over. Send again.',
          network: 'No connection. Check your internet and try again.',
          other: 'Could not send. Please try again.',
        },
      };

  /** localStorage can be off (private windows, blocked storage): the chat then lasts a page. */
  const store = {
    read() {
      try {
        return JSON.parse(localStorage.getItem(storageKey) || '{}') || {};
      } catch {
        return {};
      }
    },
    write(value) {
      try {
        localStorage.setItem(storageKey, JSON.stringify(value));
      } catch {
        // kept in memory only
      }
    },
  };

  const saved = store.read();
  const state = {
    token: typeof saved.token === 'string' ? saved.token : null,
    name: typeof saved.name === 'string' ? saved.name : '',
    email: typeof saved.email === 'string' ? saved.email : '',
    config: null,
    /** The text being sent and its id, so a retry after a dropped connection is stored once. */
    pending: null,
  };
  const remember = () => store.write({ token: state.token, name: state.name, email: state.email });

  /** An error the widget can explain: a code from the server or its own. */
  class ChatError extends Error {
    constructor(code, message) {
      super(message || code);
      this.code = code;
    }
  }

  async function call(method, path, body) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    let response;
    try {
      response = await fetch(api(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw new ChatError('network');
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) throw new ChatError(data?.error?.code || 'other', data?.error?.message);
    return data;
  }

  function explain(error) {
    const limits = state.config || {};
    const template = TEXT.errors[error.code] || error.message || TEXT.errors.other;
    const number = new Intl.NumberFormat(language);
    return template
      .replace('{max}', number.format(limits.maxText))
      .replace('{maxName}', number.format(limits.maxName));
  }

  // ---- The elements. Built with createElement; nothing from people goes through innerHTML.

  function el(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    for (const child of children) node.append(child);
    return node;
  }

  function icon(path) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const shape = document.createElementNS(ns, 'path');
    shape.setAttribute('d', path);
    shape.setAttribute('fill', 'currentColor');
    svg.append(shape);
    return svg;
  }

  const ICONS = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Zm3 6v2h10v-2H7Zm0-3v2h10V7H7Zm0 6v2h7v-2H7Z',
    close:
      'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3 1.4 1.4Z',
    send: 'M3 20.5 21 12 3 3.5V10l12 2-12 2v6.5Z',
  };

  const host = el('div', { id: 'clientela-webchat', style: 'display:none' });
  const root = host.attachShadow({ mode: 'open' });
  const stylesheet = el('link', { rel: 'stylesheet', href: api('widget.css') });

  const dot = el('span', { class: 'dot', hidden: '' });
  const bubble = el(
    'button',
    { type: 'button', class: 'bubble', 'aria-label': TEXT.open, 'aria-expanded': 'false' },
    [icon(ICONS.chat), dot],
  );
  const stateLine = el('span', { class: 'state', role: 'status' });
  const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': TEXT.close }, [
    icon(ICONS.close),
  ]);
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
  const nameInput = el('input', { name: 'name', autocomplete: 'name' });
  const emailInput = el('input', { name: 'email', type: 'email', autocomplete: 'email' });
  const prechat = el('form', { class: 'prechat', novalidate: '', hidden: '' }, [
    el('label', {}, [TEXT.name, nameInput]),
    el('label', {}, [TEXT.email, emailInput]),
    el('button', { type: 'submit', class: 'primary' }, [TEXT.start]),
  ]);
  const errorLine = el('p', { class: 'error', role: 'alert', hidden: '' });
  const textarea = el('textarea', {
    name: 'text',
    rows: '1',
    placeholder: TEXT.placeholder,
    'aria-label': TEXT.placeholder,
  });
  const sendButton = el('button', { type: 'submit', class: 'send', 'aria-label': TEXT.send }, [
    icon(ICONS.send),
  ]);
  const composer = el('form', { class: 'composer' }, [textarea, sendButton]);
  const panel = el(
    'section',
    { class: 'panel', role: 'dialog', 'aria-label': TEXT.title, hidden: '' },
    [
      el('header', { class: 'head' }, [
        el('div', { class: 'titles' }, [el('strong', {}, [TEXT.title]), stateLine]),
        closeButton,
      ]),
      log,
      prechat,
      errorLine,
      composer,
    ],
  );
  root.append(stylesheet, panel, bubble);

  // ---- Messages.

  /** Stored messages by id; the visitor's own, just sent, by the id this widget gave them. */
  const shown = new Set();
  const timeFormat = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });

  function addMessage(message) {
    const key = message.id != null ? `id:${message.id}` : `client:${message.clientId}`;
    if (shown.has(key)) return;
    shown.add(key);
    const at = new Date(message.at);
    const time = el('time', { datetime: message.at });
    time.textContent = Number.isNaN(at.getTime()) ? '' : timeFormat.format(at);
    const text = el('span');
    text.textContent = message.text;
    log.append(
      el('div', { class: `msg ${message.from === 'agent' ? 'agent' : 'visitor'}` }, [text, time]),
    );
    log.scrollTop = log.scrollHeight;
  }

  function renderHistory(messages) {
    shown.clear();
    log.replaceChildren();
    const greeting = el('div', { class: 'msg agent greeting' });
    greeting.textContent = state.config?.greeting || TEXT.greeting;
    log.append(greeting);
    for (const message of messages) addMessage(message);
  }

  /** Replies pushed while a history request is on its way: its answer may predate them. */
  let liveSinceHistory = [];

  async function loadHistory() {
    if (!state.token) return renderHistory([]);
    liveSinceHistory = [];
    try {
      renderHistory((await call('GET', 'api/messages')).messages);
      for (const message of liveSinceHistory) addMessage(message);
    } catch (error) {
      if (error.code === 'unauthorized') forget();
    }
  }

  function showError(error) {
    errorLine.textContent = error ? explain(error) : '';
    errorLine.hidden = !error;
  }

  // ---- The visitor: a token from the server, kept in localStorage.

  /** The server no longer knows this token: the chat starts over as a new visitor. */
  function forget() {
    state.token = null;
    remember();
    socket?.close();
    renderHistory([]);
  }

  async function ensureVisitor() {
    if (state.token) return;
    state.token = (await call('POST', 'api/session', {})).token;
    remember();
    connect();
  }

  const needsProfile = () => state.config?.prechatForm && !(state.name && state.email);

  function showForms() {
    prechat.hidden = !needsProfile();
    composer.hidden = !prechat.hidden;
  }

  // ---- Sending.

  async function send() {
    const text = textarea.value;
    if (!text.trim()) return showError(new ChatError('text_empty'));
    if (state.pending?.text !== text) state.pending = { text, clientId: newClientId() };
    sendButton.disabled = true;
    try {
      await ensureVisitor();
      const { message } = await call('POST', 'api/messages', {
        text,
        clientId: state.pending.clientId,
        name: state.name || null,
        email: state.email || null,
        language,
      });
      state.pending = null;
      textarea.value = '';
      fitTextarea();
      showError(null);
      addMessage(message);
    } catch (error) {
      // The text stays in the box: nothing typed is lost.
      if (error.code === 'unauthorized') forget();
      showError(error);
    } finally {
      sendButton.disabled = false;
      textarea.focus();
    }
  }

  function newClientId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function fitTextarea() {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.min(textarea.scrollHeight + 2, 120)}px`;
  }

  // ---- Live replies: one socket, reconnected with growing waits when the network drops.

  let socket = null;
  let attempts = 0;
  let retryTimer = 0;

  function connect() {
    if (!state.token || socket) return;
    clearTimeout(retryTimer);
    const ws = new WebSocket(liveUrl);
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ token: state.token }));
    ws.onmessage = (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (data.type === 'ready') {
        attempts = 0;
        stateLine.textContent = '';
        // Whatever arrived while the socket was down is in the history.
        void loadHistory();
      } else if (data.type === 'message') {
        addMessage(data.message);
        // Only stored messages (with an id) are put back after a history redraw: a copy of the
        // visitor's own message from another tab would appear twice.
        if (data.message.id != null) liveSinceHistory.push(data.message);
        if (panel.hidden && data.message.from === 'agent') dot.hidden = false;
      }
    };
    ws.onclose = (event) => {
      if (socket === ws) socket = null;
      if (event.code === 4401) return forget();
      if (!state.token) return;
      stateLine.textContent = TEXT.reconnecting;
      const wait = Math.min(30_000, 1000 * 2 ** attempts) * (0.5 + Math.random() / 2);
      attempts += 1;
      retryTimer = setTimeout(connect, wait);
    };
  }

  window.addEventListener('online', () => {
    attempts = 0;
    connect();
  });

  // ---- Opening and closing.

  function setOpen(open) {
    panel.hidden = !open;
    bubble.classList.toggle('open', open);
    bubble.setAttribute('aria-expanded', String(open));
    if (!open) return bubble.focus();
    dot.hidden = true;
    showForms();
    log.scrollTop = log.scrollHeight;
    (needsProfile() ? nameInput : textarea).focus();
  }

  bubble.addEventListener('click', () => setOpen(panel.hidden));
  closeButton.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });

  prechat.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    const email = emailInput.value.trim();
    if (!name) return showError(new ChatError('name_missing'));
    if (name.length > state.config.maxName) return showError(new ChatError('name_too_long'));
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return showError(new ChatError('email_invalid'));
    Object.assign(state, { name, email });
    remember();
    showError(null);
    showForms();
    textarea.focus();
  });

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    }
  });
  textarea.addEventListener('input', fitTextarea);

  // ---- Start: only on a website the chat allows.

  async function start() {
    try {
      state.config = await call('GET', 'api/config');
    } catch {
      // A refused origin looks like a network failure from here: CORS hides the answer.
      console.warn(
        `Clientela chat: not shown. Either its server is unreachable, or ${location.origin} is not among its allowed websites.`,
      );
      return;
    }
    stylesheet.addEventListener('load', () => host.style.removeProperty('display'));
    (document.body || document.documentElement).append(host);
    await loadHistory();
    connect();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => void start());
  } else {
    void start();
  }
})();
