/**
 * The text of a Slack message as the user typed it. Slack escapes `&`, `<` and `>` (so
 * `<I>...<S>...` arrives as `&lt;I&gt;...`) and turns host names into links
 * (`<http://mail.contoso.com|mail.contoso.com>`); both would hide Exchange values from the parser.
 */
export function plainTextFromSlack(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>\s]{1,2000})(?:\|([^>]{0,2000}))?>/g, (_m, url: string, label?: string) => label ?? url.replace(/^mailto:/, ''))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
