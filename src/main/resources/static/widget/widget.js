/*
 * Parley chat widget. Embed with:
 *   <script src="https://parley.example/widget.js" data-parley-key="pk_..." async></script>
 * API: Parley.identify({name, email, phone, userId, userHash, attributes}), Parley.open(), Parley.close(),
 *      Parley.on('message', fn).
 * Plain JavaScript, no framework; everything it shows lives in a shadow root, so the host page's styles and
 * scripts do not reach it and its styles do not leak out. Messages are always rendered as text.
 *
 * Preview mode (<script src="/widget/widget.js" data-parley-preview>, used by /widget/preview.html inside the
 * console's settings page): no session, no socket, no request at all; the widget draws the draft configuration
 * its parent window posts ({type: 'parley.preview', config, view, messages}), from the same origin only, and answers
 * {type: 'parley.preview.drawn', defaults: {greeting, offlineMessage}} (its own texts in the drawn language).
 *
 * Its own texts (buttons, labels, status lines, errors) are in the tenant's language (config.language, e.g. pt-BR):
 * en, pt (Brazilian), es, fr, de, by base language, else English. The tenant's own texts are shown as written.
 */
(function () {
  'use strict';
  if (window.Parley && window.Parley.__loaded) return;

  var script = document.currentScript || document.querySelector('script[data-parley-key],script[data-parley-preview]');
  if (!script) return;
  var PREVIEW = script.hasAttribute('data-parley-preview');
  var KEY = script.getAttribute('data-parley-key');
  if (!KEY && !PREVIEW) return;
  var BASE = new URL(script.src, location.href).origin;
  var STORE = 'parley.visitor.' + KEY;

  var listeners = {};
  var pendingCalls = [];
  var state = {
    config: null, token: null, contactId: null, conversation: null, messages: new Map(), lastSeq: 0,
    pending: new Map(), open: false, unread: 0, operatorName: '', queuePosition: null, socket: null,
    retry: 0, typingTimer: null, lastTypingSent: 0, prechatDone: false, offlineSent: false
  };
  var ui = {};

  function emit(event, data) {
    (listeners[event] || []).forEach(function (fn) { try { fn(data); } catch (e) { console.error(e); } });
  }

  var api = {
    __loaded: true,
    identify: function (identity) { return ready(function () { return identify(identity || {}); }); },
    open: function () { ready(function () { setOpen(true); }); },
    close: function () { ready(function () { setOpen(false); }); },
    on: function (event, fn) { (listeners[event] = listeners[event] || []).push(fn); }
  };
  window.Parley = api;

  function ready(fn) {
    if (state.token) return Promise.resolve(fn());
    return new Promise(function (resolve) { pendingCalls.push(function () { resolve(fn()); }); });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function request(method, path, body) {
    if (PREVIEW) { var none = new Error('This is a preview: nothing is sent.'); none.code = 'PREVIEW'; return Promise.reject(none); }
    var headers = { 'Content-Type': 'application/json' };
    if (state.token) headers['X-Visitor-Token'] = state.token;
    return fetch(BASE + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        if (response.status === 204) return null;
        return response.json().then(function (data) {
          if (!response.ok) { var error = new Error(data.detail || 'Request failed'); error.code = data.code; throw error; }
          return data;
        });
      });
  }

  // ---- session and realtime -------------------------------------------------------------------------------

  function start() {
    request('GET', '/api/v1/widget/config?key=' + encodeURIComponent(KEY)).then(function (config) {
      state.config = config;
      var saved = null;
      try { saved = localStorage.getItem(STORE); } catch (e) { /* storage may be blocked */ }
      return request('POST', '/api/v1/widget/session', {
        key: KEY, visitorToken: saved, url: location.href, title: document.title,
        referrer: document.referrer || null, locale: navigator.language
      });
    }).then(function (session) {
      applySession(session);
      render();
      connect();
      pendingCalls.splice(0).forEach(function (fn) { fn(); });
      window.addEventListener('popstate', sendPage);
      window.addEventListener('hashchange', sendPage);
    }).catch(function () {
      // Not allowed on this site, unknown key or server away: the page gets no widget.
    });
  }

  function applySession(session) {
    state.token = session.visitorToken;
    state.contactId = session.contactId;
    try { localStorage.setItem(STORE, session.visitorToken); } catch (e) { /* ignore */ }
    state.conversation = session.conversation;
    state.operatorName = session.conversation && session.conversation.assigneeName || '';
    state.queuePosition = session.queuePosition;
    state.config.operatorsOnline = session.operatorsOnline;
    state.messages = new Map();
    state.lastSeq = 0;
    (session.messages || []).forEach(addMessage);
  }

  function connect() {
    var url = BASE.replace(/^http/, 'ws') + '/ws/visitor?token=' + encodeURIComponent(state.token);
    var socket = new WebSocket(url);
    state.socket = socket;
    socket.onopen = function () {
      state.retry = 0;
      if (state.conversation) send({ type: 'resume', conversationId: state.conversation.id, afterSeq: state.lastSeq });
      state.pending.forEach(function (frame) { send(frame); });
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      receive(frame);
    };
    socket.onclose = function (event) {
      if (state.socket !== socket) return;
      state.socket = null;
      if (event.code === 4401 || event.code === 4403) return;
      var delay = Math.min(10000, 500 * Math.pow(2, state.retry++));
      setTimeout(connect, delay);
    };
  }

  function send(frame) {
    if (state.socket && state.socket.readyState === 1) { state.socket.send(JSON.stringify(frame)); return true; }
    return false;
  }

  function receive(frame) {
    switch (frame.type) {
      case 'hello':
        state.config.operatorsOnline = frame.operatorsOnline;
        render();
        break;
      case 'message.created':
        onIncoming(frame.message);
        break;
      case 'sync':
        (frame.messages || []).forEach(onIncoming);
        break;
      case 'ack':
        if (frame.ref) state.pending.delete(frame.ref);
        onIncoming(frame.message);
        break;
      case 'typing':
        if (frame.who === 'OPERATOR') showTyping(frame.isTyping ? frame.name : null);
        break;
      case 'conversation.updated':
        if (frame.conversation) {
          if (!state.conversation || state.conversation.id === frame.conversation.id) {
            state.conversation = Object.assign(state.conversation || {}, { id: frame.conversation.id, status: frame.conversation.status });
            if (frame.conversation.operatorName) state.operatorName = frame.conversation.operatorName;
            if (frame.conversation.status !== 'QUEUED') state.queuePosition = null;
            render();
          }
        }
        break;
      case 'queue.position':
        state.queuePosition = frame.position;
        render();
        break;
      case 'error':
        if (frame.ref && state.pending.has(frame.ref)) {
          state.pending.delete(frame.ref);
          showError(frame.code);
        }
        break;
    }
  }

  function onIncoming(message) {
    if (!message) return;
    if (message.clientId && state.pending.delete(message.clientId)) renderMessages();
    if (state.messages.has(message.id)) return;
    if (!state.conversation || state.conversation.id !== message.conversationId) {
      state.conversation = { id: message.conversationId, status: 'QUEUED' };
      state.messages = new Map();
      state.lastSeq = 0;
    }
    addMessage(message);
    if (message.senderKind === 'OPERATOR') {
      state.operatorName = message.senderName || state.operatorName;
      showTyping(null);
      if (!state.open) { state.unread++; }
      beep();
    }
    emit('message', { body: message.body, sender: message.senderKind, senderName: message.senderName, createdAt: message.createdAt });
    renderMessages();
    renderBadge();
    if (state.open) markRead();
  }

  function addMessage(message) {
    state.messages.set(message.id, message);
    if (message.seq > state.lastSeq) state.lastSeq = message.seq;
  }

  function markRead() {
    if (state.conversation && state.lastSeq) send({ type: 'read', conversationId: state.conversation.id, seq: state.lastSeq });
  }

  function sendPage() { send({ type: 'page', url: location.href, title: document.title, referrer: document.referrer || null }); }

  function sendMessage(text) {
    var body = text.trim();
    if (!body) return;
    if (PREVIEW) { showError('PREVIEW'); return; }
    var ref = newId();
    var frame = { type: 'message.send', ref: ref, clientId: ref, body: body };
    state.pending.set(ref, frame);
    send(frame);
    renderMessages();
  }

  function identify(identity) {
    return request('POST', '/api/v1/widget/identify', {
      name: identity.name || null, email: identity.email || null, phone: identity.phone || null,
      userId: identity.userId != null ? String(identity.userId) : null, userHash: identity.userHash || null,
      attributes: identity.attributes || null
    }).then(function (session) {
      var changed = session.contactId !== state.contactId;
      applySession(session);
      render();
      if (changed && state.socket) state.socket.close();
      return true;
    });
  }

  // ---- texts ------------------------------------------------------------------------------------------------

  // The widget's own words, keyed by base language (pt is Brazilian Portuguese). The tenant's language picks them
  // by its base language (pt-PT and pt-BR → pt, es-MX → es), else English. The tenant's own texts are shown as
  // written; `greeting` and `offline` are what a tenant that wrote none gets. One key a line: WidgetTextsTest
  // checks that every language has exactly English's keys and placeholders.
  var TEXTS = {
    en: {
      open: 'Open chat',
      close: 'Close chat',
      unread: 'Unread messages',
      chat: 'Chat',
      chattingWith: 'You are chatting with {name}',
      online: 'We typically reply in a few minutes',
      away: 'We are away right now',
      greeting: 'Hi! How can we help?',
      offline: 'We\u2019re away right now. Leave your email and message and we\u2019ll get back to you.',
      prechat: 'Before we start',
      name: 'Your name',
      email: 'Your email',
      start: 'Start chat',
      leave: 'Leave a message',
      yourMessage: 'Your message',
      send: 'Send',
      message: 'Message',
      write: 'Write a message…',
      thanks: 'Thanks! We got your message and will reply by email.',
      queue: 'You are number {n} in the queue',
      typing: '{name} is typing…',
      joined: '{name} joined the conversation',
      resolved: 'The conversation was resolved',
      preview: 'This is a preview: nothing is sent.',
      closed: 'We\u2019re closed right now. Please leave us a message instead.',
      tooMany: 'You are sending messages too quickly. Please wait a moment.',
      invalid: 'Please check what you entered.',
      failed: 'Something went wrong. Please try again.'
    },
    pt: {
      open: 'Abrir chat',
      close: 'Fechar chat',
      unread: 'Mensagens não lidas',
      chat: 'Chat',
      chattingWith: 'Você está conversando com {name}',
      online: 'Normalmente respondemos em poucos minutos',
      away: 'Estamos ausentes no momento',
      greeting: 'Olá! Como podemos ajudar?',
      offline: 'Estamos ausentes no momento. Deixe seu e-mail e sua mensagem que retornaremos em breve.',
      prechat: 'Antes de começarmos',
      name: 'Seu nome',
      email: 'Seu e-mail',
      start: 'Iniciar conversa',
      leave: 'Deixe uma mensagem',
      yourMessage: 'Sua mensagem',
      send: 'Enviar',
      message: 'Mensagem',
      write: 'Escreva uma mensagem…',
      thanks: 'Obrigado! Recebemos sua mensagem e responderemos por e-mail.',
      queue: 'Você é o número {n} na fila',
      typing: '{name} está digitando…',
      joined: '{name} entrou na conversa',
      resolved: 'A conversa foi encerrada',
      preview: 'Isto é uma pré-visualização: nada é enviado.',
      closed: 'Estamos fechados no momento. Deixe uma mensagem para nós.',
      tooMany: 'Você está enviando mensagens rápido demais. Aguarde um instante.',
      invalid: 'Confira os dados informados.',
      failed: 'Algo deu errado. Tente novamente.'
    },
    es: {
      open: 'Abrir chat',
      close: 'Cerrar chat',
      unread: 'Mensajes no leídos',
      chat: 'Chat',
      chattingWith: 'Estás hablando con {name}',
      online: 'Solemos responder en pocos minutos',
      away: 'Ahora mismo no estamos disponibles',
      greeting: '¡Hola! ¿En qué podemos ayudarte?',
      offline: 'Ahora mismo no estamos disponibles. Déjanos tu correo electrónico y tu mensaje, y te responderemos lo antes posible.',
      prechat: 'Antes de empezar',
      name: 'Tu nombre',
      email: 'Tu correo electrónico',
      start: 'Iniciar chat',
      leave: 'Deja un mensaje',
      yourMessage: 'Tu mensaje',
      send: 'Enviar',
      message: 'Mensaje',
      write: 'Escribe un mensaje…',
      thanks: '¡Gracias! Hemos recibido tu mensaje y te responderemos por correo electrónico.',
      queue: 'Eres el número {n} en la cola',
      typing: '{name} está escribiendo…',
      joined: '{name} se ha unido a la conversación',
      resolved: 'La conversación se ha cerrado',
      preview: 'Esto es una vista previa: no se envía nada.',
      closed: 'Ahora mismo estamos cerrados. Déjanos un mensaje.',
      tooMany: 'Estás enviando mensajes demasiado rápido. Espera un momento.',
      invalid: 'Revisa los datos que has introducido.',
      failed: 'Algo ha fallado. Inténtalo de nuevo.'
    },
    fr: {
      open: 'Ouvrir le chat',
      close: 'Fermer le chat',
      unread: 'Messages non lus',
      chat: 'Chat',
      chattingWith: 'Vous discutez avec {name}',
      online: 'Nous répondons généralement en quelques minutes',
      away: 'Nous sommes absents pour le moment',
      greeting: 'Bonjour\u00a0! Comment pouvons-nous vous aider\u00a0?',
      offline: 'Nous sommes absents pour le moment. Laissez-nous votre e-mail et votre message, nous vous répondrons dès que possible.',
      prechat: 'Avant de commencer',
      name: 'Votre nom',
      email: 'Votre e-mail',
      start: 'Démarrer la discussion',
      leave: 'Laisser un message',
      yourMessage: 'Votre message',
      send: 'Envoyer',
      message: 'Message',
      write: 'Écrivez un message…',
      thanks: 'Merci\u00a0! Nous avons bien reçu votre message et vous répondrons par e-mail.',
      queue: 'Vous êtes numéro {n} dans la file d\u2019attente',
      typing: '{name} est en train d\u2019écrire…',
      joined: '{name} a rejoint la conversation',
      resolved: 'La conversation a été clôturée',
      preview: 'Ceci est un aperçu\u00a0: rien n\u2019est envoyé.',
      closed: 'Nous sommes fermés pour le moment. Laissez-nous plutôt un message.',
      tooMany: 'Vous envoyez des messages trop rapidement. Patientez un instant.',
      invalid: 'Veuillez vérifier les informations saisies.',
      failed: 'Une erreur est survenue. Veuillez réessayer.'
    },
    de: {
      open: 'Chat öffnen',
      close: 'Chat schließen',
      unread: 'Ungelesene Nachrichten',
      chat: 'Chat',
      chattingWith: 'Sie chatten mit {name}',
      online: 'Wir antworten meist innerhalb weniger Minuten',
      away: 'Wir sind gerade nicht erreichbar',
      greeting: 'Hallo! Wie können wir helfen?',
      offline: 'Wir sind gerade nicht erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse und Ihre Nachricht, wir melden uns bei Ihnen.',
      prechat: 'Bevor es losgeht',
      name: 'Ihr Name',
      email: 'Ihre E-Mail-Adresse',
      start: 'Chat starten',
      leave: 'Nachricht hinterlassen',
      yourMessage: 'Ihre Nachricht',
      send: 'Senden',
      message: 'Nachricht',
      write: 'Nachricht schreiben…',
      thanks: 'Danke! Wir haben Ihre Nachricht erhalten und antworten Ihnen per E-Mail.',
      queue: 'Sie sind Nummer {n} in der Warteschlange',
      typing: '{name} schreibt…',
      joined: '{name} ist dem Gespräch beigetreten',
      resolved: 'Das Gespräch wurde beendet',
      preview: 'Dies ist eine Vorschau: Es wird nichts gesendet.',
      closed: 'Wir haben gerade geschlossen. Hinterlassen Sie uns bitte eine Nachricht.',
      tooMany: 'Sie senden zu schnell zu viele Nachrichten. Bitte warten Sie einen Moment.',
      invalid: 'Bitte prüfen Sie Ihre Angaben.',
      failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.'
    }
  };
  // The server's error codes a visitor can meet, and what the widget says for them; any other: `failed`.
  var ERRORS = { PREVIEW: 'preview', CHAT_CLOSED: 'closed', TOO_MANY_MESSAGES: 'tooMany', VALIDATION_FAILED: 'invalid' };
  var T = TEXTS.en;

  /** The widget's texts for a language tag such as pt-BR: its base language's, else English. */
  function textsFor(language) {
    var tag = /^([a-z]{2})(-[A-Z]{2})?$/.exec(language || '');
    return tag && Object.prototype.hasOwnProperty.call(TEXTS, tag[1]) ? TEXTS[tag[1]] : TEXTS.en;
  }

  function t(key, values) {
    return T[key].replace(/\{(\w+)\}/g, function (all, name) { return (values || {})[name]; });
  }

  // The server writes these system messages in English (operators read them too); visitors read them in the
  // widget's language.
  function systemText(body) {
    var joined = /^(.+) joined the conversation$/.exec(body);
    if (joined) return t('joined', { name: joined[1] });
    return body === 'The conversation was resolved' ? t('resolved') : body;
  }

  // ---- view ---------------------------------------------------------------------------------------------------

  var CSS = [
    ':host{all:initial}',
    '*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
    '.launcher{position:fixed;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;',
    'background:$primary;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.2);z-index:2147483646;display:flex;align-items:center;justify-content:center}',
    '.launcher.labelled{width:auto;border-radius:28px;padding:0 20px 0 16px;gap:8px;font-size:15px;font-weight:600}',
    '.launcher svg{flex:none}',
    '.right{right:20px}.left{left:20px}',
    '.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;',
    'background:#e03131;color:#fff;font-size:12px;line-height:20px;text-align:center}',
    '.window{position:fixed;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 120px);',
    'background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;',
    'overflow:hidden;z-index:2147483647;color:#1f2430;font-size:14px}',
    '.hidden{display:none}',
    '.logo{height:28px;max-width:120px;float:right;background:#fff;border-radius:4px;padding:2px}',
    'header{background:$primary;color:#fff;padding:14px 16px}header h2{margin:0;font-size:16px}header p{margin:4px 0 0;font-size:12px;opacity:.85}',
    '.messages{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:6px;background:#f7f8fb}',
    '.msg{max-width:80%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word;line-height:1.35}',
    '.VISITOR{align-self:flex-end;background:$primary;color:#fff}.OPERATOR{align-self:flex-start;background:#fff;border:1px solid #e1e4ea}',
    '.SYSTEM{align-self:center;background:none;color:#6b7280;font-size:12px}',
    '.pending{opacity:.6}.who{display:flex;align-items:center;gap:6px;font-size:11px;color:#6b7280;margin-bottom:2px}',
    '.avatar{width:20px;height:20px;border-radius:50%;background:$primary;color:#fff;font-size:9px;font-weight:700;',
    'display:inline-flex;align-items:center;justify-content:center;flex:none}.avatar::before{content:attr(data-initials)}',
    '.status{font-size:12px;color:#6b7280;padding:4px 12px;min-height:20px}',
    'form{display:flex;flex-direction:column;gap:8px;padding:12px}',
    'input,textarea{font:inherit;padding:8px;border:1px solid #d7dbe3;border-radius:8px;width:100%}',
    'textarea{resize:none;height:42px}',
    '.composer{flex-direction:row;align-items:flex-end;border-top:1px solid #e1e4ea}',
    'button.send,form button{background:$accent;color:#fff;border:0;border-radius:8px;padding:9px 14px;cursor:pointer;font:inherit}',
    '.note{padding:12px;color:#1f2430}.error{color:#c92a2a;padding:0 12px;font-size:12px}'
  ].join('');

  // The launcher icons a tenant chooses from (widget.launcherIcon), constants of this script.
  var ICONS = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
    question: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 17h-2v-2h2v2zm2.07-7.75-.9.92C13.45 12.9 13 13.5 13 15h-2' +
      'v-.5c0-1.1.45-2.1 1.17-2.83l1.24-1.26c.37-.36.59-.86.59-1.41 0-1.1-.9-2-2-2s-2 .9-2 2H8a4 4 0 0 1 8 0c0 .88' +
      '-.36 1.68-.93 2.25z',
    headset: 'M12 1a9 9 0 0 0-9 9v7a3 3 0 0 0 3 3h3v-8H5v-2a7 7 0 0 1 14 0v2h-4v8h4v1h-7v2h6a3 3 0 0 0 3-3V10a9 9 0 0 0-9-9z',
    envelope: 'M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z'
  };

  function icon(name) {
    var path = ICONS[name] || ICONS.chat;
    return '<svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" data-icon="' + (ICONS[name] ? name : 'chat') +
      '"><path fill="currentColor" d="' + path + '"/></svg>';
  }

  function safeColor(value, fallback) {
    return /^#[0-9a-fA-F]{6}$/.test(value || '') ? value : (fallback || '#3b5bdb');
  }

  function initials(name) {
    var parts = String(name || '').trim().split(/\s+/).filter(Boolean);
    return ((parts[0] || '?').charAt(0) + (parts.length > 1 ? parts[parts.length - 1].charAt(0) : '')).toUpperCase();
  }

  function logoSource(url) {
    // The preview passes the console's own copy of the logo (a data URL); visitors load it from this server.
    if (PREVIEW && /^data:image\/(png|jpeg|svg\+xml);base64,/.test(url)) return url;
    return BASE + url;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function build() {
    var host = el('div', { id: 'parley-widget' });
    var lang = /^[a-z]{2}(-[A-Z]{2})?$/.test(state.config.language || '') ? state.config.language : 'en';
    host.setAttribute('lang', lang);
    T = textsFor(lang);
    ui.dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    document.body.appendChild(host);
    ui.host = host;
    var root = host.attachShadow({ mode: 'open' });
    var style = el('style');
    var primary = safeColor(state.config.primaryColor);
    style.textContent = CSS.replace(/\$primary/g, primary).replace(/\$accent/g, safeColor(state.config.accentColor, primary));
    root.appendChild(style);
    var side = state.config.position === 'left' ? 'left' : 'right';
    var label = state.config.launcherLabel;
    ui.launcher = el('button', { class: 'launcher ' + side + (label ? ' labelled' : ''), part: 'launcher',
      'aria-label': label || t('open') });
    ui.launcher.innerHTML = icon(state.config.launcherIcon); // constants of this script, never anyone's text
    if (label) ui.launcher.appendChild(el('span', { class: 'label' }, label));
    ui.badge = el('span', { class: 'badge hidden', 'aria-label': t('unread') });
    ui.launcher.appendChild(ui.badge);
    ui.launcher.addEventListener('click', function () { setOpen(!state.open); });
    ui.window = el('section', { class: 'window hidden ' + side, role: 'dialog', 'aria-label': t('chat') });
    var header = el('header');
    if (state.config.logoUrl) {
      var logo = el('img', { src: logoSource(state.config.logoUrl), alt: '', class: 'logo' });
      header.appendChild(logo);
    }
    ui.title = el('h2', {}, state.config.title);
    ui.subtitle = el('p');
    header.appendChild(ui.title); header.appendChild(ui.subtitle);
    ui.body = el('div', { class: 'messages', 'aria-live': 'polite' });
    ui.status = el('div', { class: 'status' });
    ui.error = el('div', { class: 'error', role: 'alert' });
    ui.forms = el('div');
    ui.window.appendChild(header); ui.window.appendChild(ui.body); ui.window.appendChild(ui.status);
    ui.window.appendChild(ui.error); ui.window.appendChild(ui.forms);
    root.appendChild(ui.window); root.appendChild(ui.launcher);
    ui.root = root;
  }

  function render() {
    if (!ui.root) build();
    ui.subtitle.textContent = state.operatorName ? t('chattingWith', { name: state.operatorName })
      : t(state.config.operatorsOnline ? 'online' : 'away');
    renderForms();
    renderMessages();
    renderBadge();
  }

  /** The tenant's greeting, or the widget's own in its language. */
  function greeting() {
    return state.config.greeting || t('greeting');
  }

  function needsPrechat() {
    return state.config.prechatFields.length > 0 && !state.conversation && !state.prechatDone;
  }

  function offlineMode() {
    var open = state.conversation && state.conversation.status !== 'RESOLVED';
    return !state.config.operatorsOnline && !open && state.config.offlineForm;
  }

  function renderForms() {
    var mode = state.offlineSent ? 'thanks' : offlineMode() ? 'offline' : needsPrechat() ? 'prechat' : 'composer';
    if (mode === ui.mode) return; // keep what the visitor is typing
    ui.mode = mode;
    ui.forms.textContent = '';
    if (mode === 'thanks') {
      ui.forms.appendChild(el('p', { class: 'note' }, t('thanks')));
    } else if (mode === 'offline') {
      ui.forms.appendChild(offlineForm());
    } else if (mode === 'prechat') {
      ui.forms.appendChild(prechatForm());
    } else {
      ui.forms.appendChild(composer());
    }
  }

  function field(form, name, label, type, required) {
    var input = el('input', { name: name, type: type, 'aria-label': label, placeholder: label });
    if (required) input.required = true;
    form.appendChild(input);
    return input;
  }

  function prechatForm() {
    var form = el('form', { 'aria-label': t('prechat') });
    form.appendChild(el('p', { class: 'note' }, state.config.prechatIntro || greeting()));
    var required = state.config.prechatRequired;
    if (state.config.prechatFields.indexOf('name') >= 0) field(form, 'name', t('name'), 'text', required.indexOf('name') >= 0);
    if (state.config.prechatFields.indexOf('email') >= 0) field(form, 'email', t('email'), 'email', required.indexOf('email') >= 0);
    form.appendChild(el('button', { type: 'submit' }, t('start')));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(form);
      request('POST', '/api/v1/widget/prechat', { name: data.get('name') || null, email: data.get('email') || null })
        .then(function () { state.prechatDone = true; render(); })
        .catch(function (e) { showError(e.code); });
    });
    return form;
  }

  function offlineForm() {
    var form = el('form', { 'aria-label': t('leave') });
    form.appendChild(el('p', { class: 'note' }, state.config.offlineMessage || t('offline')));
    field(form, 'name', t('name'), 'text', false);
    field(form, 'email', t('email'), 'email', true);
    var text = el('textarea', { name: 'body', 'aria-label': t('yourMessage'), placeholder: t('yourMessage'), required: '' });
    form.appendChild(text);
    form.appendChild(el('button', { type: 'submit' }, t('send')));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(form);
      request('POST', '/api/v1/widget/offline', { name: data.get('name') || null, email: data.get('email'), body: data.get('body') })
        .then(function () { state.offlineSent = true; render(); })
        .catch(function (e) { showError(e.code); });
    });
    return form;
  }

  function composer() {
    var form = el('form', { class: 'composer' });
    var text = el('textarea', { 'aria-label': t('message'), placeholder: t('write'), maxlength: '10000' });
    var button = el('button', { class: 'send', type: 'submit' }, t('send'));
    form.appendChild(text); form.appendChild(button);
    text.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); submit(); }
    });
    text.addEventListener('input', typing);
    form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
    function submit() {
      if (!text.value.trim()) return;
      sendMessage(text.value);
      text.value = '';
      stopTyping();
    }
    ui.text = text;
    return form;
  }

  function typing() {
    if (!state.conversation) return;
    var now = Date.now();
    if (now - state.lastTypingSent > 2000) {
      state.lastTypingSent = now;
      send({ type: 'typing', conversationId: state.conversation.id, isTyping: true });
    }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, 3000);
  }

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.conversation && state.lastTypingSent) {
      state.lastTypingSent = 0;
      send({ type: 'typing', conversationId: state.conversation.id, isTyping: false });
    }
  }

  function renderMessages() {
    if (!ui.body) return;
    var list = Array.from(state.messages.values()).sort(function (a, b) { return a.seq - b.seq; });
    ui.body.textContent = '';
    if (!list.length && !state.pending.size) ui.body.appendChild(el('div', { class: 'msg SYSTEM' }, greeting()));
    list.forEach(function (m) {
      var bubble = el('div', { class: 'msg ' + m.senderKind, 'data-seq': String(m.seq) });
      if (m.createdAt) bubble.title = ui.dates.format(new Date(m.createdAt));
      if (m.senderKind === 'OPERATOR' && m.senderName) {
        var who = el('span', { class: 'who' });
        // Drawn from an attribute, so the initials are not part of the bubble's text.
        if (state.config.showOperatorAvatars !== false) who.appendChild(el('span', { class: 'avatar', 'data-initials': initials(m.senderName) }));
        who.appendChild(document.createTextNode(m.senderName));
        bubble.appendChild(who);
      }
      bubble.appendChild(document.createTextNode(m.senderKind === 'SYSTEM' ? systemText(m.body) : m.body));
      ui.body.appendChild(bubble);
    });
    state.pending.forEach(function (frame) {
      ui.body.appendChild(el('div', { class: 'msg VISITOR pending' }, frame.body));
    });
    ui.body.scrollTop = ui.body.scrollHeight;
    if (!ui.typingName) {
      ui.status.textContent = state.queuePosition && state.conversation && state.conversation.status === 'QUEUED'
        ? t('queue', { n: state.queuePosition }) : '';
    }
  }

  function showTyping(name) {
    ui.typingName = name;
    ui.status.textContent = name ? t('typing', { name: name }) : '';
    if (!name) renderMessages();
    clearTimeout(ui.typingHide);
    if (name) ui.typingHide = setTimeout(function () { showTyping(null); }, 6000);
  }

  /** Shows, for a few seconds, what went wrong in the widget's language: the server's codes, not its English words. */
  function showError(code) {
    ui.error.textContent = t(ERRORS[code] || 'failed');
    setTimeout(function () { ui.error.textContent = ''; }, 5000);
  }

  function renderBadge() {
    if (!ui.badge) return;
    ui.badge.textContent = String(state.unread);
    ui.badge.classList.toggle('hidden', state.unread === 0);
  }

  function setOpen(open) {
    state.open = open;
    ui.window.classList.toggle('hidden', !open);
    ui.launcher.setAttribute('aria-label', open ? t('close') : (state.config.launcherLabel || t('open')));
    if (open) {
      state.unread = 0;
      renderBadge();
      markRead();
      if (ui.text && !PREVIEW) ui.text.focus(); // a preview must not take the focus from the console
    }
  }

  var audio = null;
  function beep() {
    if (!state.config.sound || PREVIEW) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.08, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
      osc.connect(gain); gain.connect(audio.destination);
      osc.start(); osc.stop(audio.currentTime + 0.25);
    } catch (e) { /* no sound available */ }
  }

  // ---- preview ------------------------------------------------------------------------------------------------

  function startPreview() {
    window.addEventListener('message', function (event) {
      // Only the page that frames the preview, on this same origin (the console), may draw in it.
      if (event.origin !== location.origin || event.source !== window.parent || window.parent === window) return;
      var data = event.data || {};
      if (data.type === 'parley.preview' && data.config) preview(data);
    });
    if (window.parent !== window) window.parent.postMessage({ type: 'parley.preview.ready' }, location.origin);
  }

  function preview(data) {
    var view = data.view === 'offline' || data.view === 'conversation' ? data.view : 'welcome';
    var config = Object.assign({}, data.config);
    config.prechatFields = Array.isArray(config.prechatFields) ? config.prechatFields : [];
    config.prechatRequired = Array.isArray(config.prechatRequired) ? config.prechatRequired : [];
    config.operatorsOnline = view !== 'offline';
    config.offlineForm = view === 'offline' ? true : config.offlineForm;
    if (ui.host) ui.host.remove();
    ui = {};
    state.config = config;
    state.prechatDone = false;
    state.offlineSent = false;
    state.queuePosition = null;
    state.pending = new Map();
    state.messages = new Map();
    state.lastSeq = 0;
    state.conversation = view === 'conversation' ? { id: 'preview', status: 'ASSIGNED' } : null;
    state.operatorName = '';
    if (view === 'conversation') {
      (data.messages || []).forEach(function (m, i) {
        var kind = m.senderKind === 'OPERATOR' ? 'OPERATOR' : 'VISITOR';
        addMessage({ id: 'preview-' + i, seq: i + 1, senderKind: kind, senderName: m.senderName || null, body: String(m.body || '') });
        if (kind === 'OPERATOR' && m.senderName) state.operatorName = m.senderName;
      });
    }
    render();
    setOpen(data.open !== false);
    // The settings page shows the widget's own greeting and offline message, in the drawn language, where the
    // admin wrote none.
    window.parent.postMessage({ type: 'parley.preview.drawn', language: config.language,
      defaults: { greeting: t('greeting'), offlineMessage: t('offline') } }, location.origin);
  }

  if (PREVIEW) startPreview();
  else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
