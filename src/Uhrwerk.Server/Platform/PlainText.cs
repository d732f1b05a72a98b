using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Platform;

/// <summary>
/// Names and free texts that people type or the ERP sends. Control characters and the Unicode
/// direction controls are refused wherever such a text enters the domain: they break exports and
/// e-mails, and a right-to-left override (U+202E) makes a name read differently from what it is.
/// </summary>
public static class PlainText
{
    /// <summary>A one-line text such as a name or a reference.</summary>
    public static string? Name(string field, string? value) => Checked(field, value, allowLineBreaks: false);

    /// <summary>A text that may span lines, such as a comment or a message.</summary>
    public static string? Text(string field, string? value) => Checked(field, value, allowLineBreaks: true);

    public static bool HasControlCharacters(string? value, bool allowLineBreaks) =>
        value is not null && value.Any(c => IsForbidden(c, allowLineBreaks));

    private static string? Checked(string field, string? value, bool allowLineBreaks) =>
        HasControlCharacters(value, allowLineBreaks) ? throw ValidationFailedException.For(field, T.Get("Text.ControlCharacters")) : value;

    private static bool IsForbidden(char c, bool allowLineBreaks) =>
        (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
