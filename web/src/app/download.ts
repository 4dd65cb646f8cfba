/** Hands a text the app made or received to the browser as a file to save. */
export function saveTextFile(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download only after this turn: let go of the text a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
