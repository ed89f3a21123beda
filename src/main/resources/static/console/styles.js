import { css } from 'lit';

/** Styles shared by the console's components: forms, buttons, cards and messages. */
export const shared = css`
  :host { display: block; }
  .card {
    background: var(--parley-surface); border: 1px solid var(--parley-border); border-radius: 10px;
    padding: 1.5rem; max-width: 26rem; margin: 4rem auto; box-shadow: 0 2px 12px rgb(0 0 0 / 5%);
  }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label { display: block; font-size: 0.9rem; margin: 0.8rem 0 0.3rem; color: var(--parley-muted); }
  input, select {
    width: 100%; box-sizing: border-box; padding: 0.55rem 0.7rem; font: inherit;
    border: 1px solid var(--parley-border); border-radius: 6px;
  }
  button {
    font: inherit; padding: 0.55rem 1rem; border-radius: 6px; border: 1px solid var(--parley-primary);
    background: var(--parley-primary); color: white; cursor: pointer;
  }
  button.secondary { background: transparent; color: var(--parley-primary); }
  button:disabled { opacity: 0.6; cursor: default; }
  form button[type=submit] { width: 100%; margin-top: 1.2rem; }
  .error { color: var(--parley-danger); margin-top: 0.8rem; }
  .muted { color: var(--parley-muted); }
`;
