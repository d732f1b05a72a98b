using System.Text.RegularExpressions;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Catalog.Domain;

/// <summary>A stock keeping unit: 1 to 40 characters, upper-case letters, digits and - . /</summary>
public sealed partial record Sku
{
    private Sku(string value) => Value = value;

    public string Value { get; }

    public static Sku Create(string? text, string field = "sku")
    {
        var value = text?.Trim().ToUpperInvariant() ?? "";
        if (!Pattern().IsMatch(value))
        {
            throw ValidationFailedException.For(field, T.Format("Catalog.InvalidSku", text ?? ""));
        }

        return new Sku(value);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9./-]{0,39}$")]
    private static partial Regex Pattern();
}
