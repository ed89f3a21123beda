/**
 * The languages the widget speaks (its own buttons, labels and messages; see widget.js), as the console offers them.
 * A tenant may hold another code (set through the API); the widget then speaks that code's base language if it
 * has it, else English.
 */
export const WIDGET_LANGUAGES = [
  ['en', 'English'], ['pt-BR', 'Português (Brasil)'], ['es', 'Español'], ['fr', 'Français'], ['de', 'Deutsch'],
];
