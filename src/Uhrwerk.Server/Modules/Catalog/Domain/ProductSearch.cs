using System.Text;

namespace Uhrwerk.Server.Modules.Catalog.Domain;

/// <summary>
/// How a product is found by a typed term: SKU and both names folded the same way as the term, so
/// that case, umlauts and the sharp s do not decide a hit ("GRÖSSE", "größe" and "groesse" all find
/// "Größe") on every database and whatever collation it was created with.
/// </summary>
public static class ProductSearch
{
    /// <summary>No SKU (40) or name (200 characters) can contain a longer term, so it finds nothing without asking the database.</summary>
    public const int MaxTermLength = 200;

    /// <summary>
    /// The escape character of the LIKE patterns, so that a typed % _ or ! is taken literally. Not the
    /// backslash: written into the PostgreSQL query's SQL as ESCAPE '\' it let a typed % match anything.
    /// </summary>
    public const string LikeEscape = "!";

    /// <summary>The fields never contain a line break after folding, so a term cannot match across two of them.</summary>
    private const char FieldSeparator = '\n';

    public static string TextOf(string sku, string nameDe, string nameEn) =>
        string.Join(FieldSeparator, Fold(sku), Fold(nameDe), Fold(nameEn));

    /// <summary>The LIKE pattern that finds a <see cref="Fold">folded</see> term anywhere in a product's search text.</summary>
    public static string ContainsPattern(string folded)
    {
        var pattern = new StringBuilder(folded.Length + 2).Append('%');
        foreach (var c in folded)
        {
            if (c is '%' or '_' or '!')
            {
                pattern.Append('!');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>Lower case, umlauts and ß spelt out as a German without the keys types them, any run of white space one blank, no blank at either end.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length + 8);
        var blank = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                blank = true;
                continue;
            }

            if (blank)
            {
                folded.Append(' ');
                blank = false;
            }

            folded.Append(char.ToLowerInvariant(c) switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' or 'ẞ' => "ss",
                var lower => lower.ToString(),
            });
        }

        return folded.ToString();
    }
}
