using System.Text.RegularExpressions;
using Uhrwerk.Tests.Platform;

namespace Uhrwerk.Tests.Architecture;

/// <summary>
/// Messages a client reads come from Texts.resx / Texts.en.resx, so that they are answered in the caller's language:
/// a rule violation, a validation error or a 404 whose text is written in the code is English (or German) for everybody.
/// </summary>
public static partial class ResourceTexts
{
    // Calls whose second argument is a text for the client: the message of DomainException/NotAllowedException,
    // of ValidationFailedException.For and of an import row's Error(column, message).
    [GeneratedRegex(@"new\s+(?:[\w.]+\.)?(?:DomainException|NotAllowedException)\s*\(|ValidationFailedException\.For\s*\(|(?<!\w)Error\s*\(")]
    private static partial Regex Throws();

    // An import error's and a refused business limit's message is the third argument, after code and field.
    [GeneratedRegex(@"new\s+(?:ImportError|(?:[\w.]+\.)?UnprocessableException)\s*\(")]
    private static partial Regex ImportErrors();

    [GeneratedRegex(@"errors\[[^\]]+\]\s*=\s*\[\s*(?<text>[^\]]+)\]")]
    private static partial Regex FieldErrors();

    [GeneratedRegex(@"Problem\.NotFound\s*\(\s*(?<key>[^,)]+)")]
    private static partial Regex NotFounds();

    private static bool IsLiteral(string argument) => Regex.IsMatch(argument.TrimStart(), "^(\\$|@|\\$@|@\\$)?\"");

    /// <summary>Each place in <paramref name="source"/> that hands a client a text written in the code.</summary>
    public static IReadOnlyList<string> LiteralMessages(string source)
    {
        var found = new List<string>();
        foreach (var (call, text) in Throws().Matches(source).Select(m => (m, 1)).Concat(ImportErrors().Matches(source).Select(m => (m, 2))))
        {
            var arguments = Arguments(source, call.Index + call.Length);
            if (arguments.Count > text && IsLiteral(arguments[text]))
            {
                found.Add(call.Value + string.Join(",", arguments) + ")");
            }
        }

        found.AddRange(FieldErrors().Matches(source).Where(m => IsLiteral(m.Groups["text"].Value)).Select(m => m.Value));
        found.AddRange(NotFounds().Matches(source).Where(m => !m.Groups["key"].Value.Trim().StartsWith("\"NotFound.", StringComparison.Ordinal)).Select(m => m.Value));
        return found;
    }

    /// <summary>The top-level arguments of a call whose opening parenthesis ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string source, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var inString = false;
        var begin = start;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (inString)
            {
                inString = !(c == '"' && source[i - 1] != '\\');
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth > 0:
                    depth--;
                    break;
                case ')':
                    arguments.Add(source[begin..i].Trim());
                    return arguments;
                case ',' when depth == 0:
                    arguments.Add(source[begin..i].Trim());
                    begin = i + 1;
                    break;
            }
        }

        return arguments;
    }
}

public sealed class ResourceTextTests
{
    [Fact]
    public void Every_message_a_client_reads_comes_from_the_resource_files()
    {
        var source = Path.Combine(ReadmeTests.RepositoryRoot(), "src");
        var found = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ResourceTexts.LiteralMessages(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(source, f)}: {m}"))
            .ToList();

        Assert.True(found.Count == 0, "Texts written in the code instead of Texts.resx/Texts.en.resx:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("throw new DomainException(\"already_active\", \"The user is already active.\");")]
    [InlineData("throw new NotAllowedException(\"own_roles\",\n    $\"You cannot change {name}.\");")]
    [InlineData("throw ValidationFailedException.For(field, $\"'{text}' is not a valid SKU.\");")]
    [InlineData("errors[\"unit\"] = [\"A unit is required.\"];")]
    [InlineData("Results.Ok(x) : Problem.NotFound(\"The order\"))")]
    [InlineData("CompanyId ?? throw new Problems.NotAllowedException(\"company_required\", \"This action needs a company.\");")]
    [InlineData("errors.Add(new ImportError(1, \"header\", \"The file is empty.\"));")]
    [InlineData("r.Error(column, $\"'{text}' is not a date.\");")]
    public void The_check_catches_a_text_written_in_the_code(string planted)
    {
        Assert.Single(ResourceTexts.LiteralMessages(planted));
    }

    [Theory]
    [InlineData("throw new DomainException(\"already_active\", T.Get(\"Users.AlreadyActive\"));")]
    [InlineData("throw new NotAllowedException(me.UserId == id ? \"self_approval\" : \"not_an_approver\",\n    me.UserId == id ? T.Get(\"A\") : T.Get(\"B\"));")]
    [InlineData("throw ValidationFailedException.For(field, T.Format(\"Catalog.InvalidSku\", text ?? \"\"));")]
    [InlineData("errors[$\"lines[{index}].sku\"] = [T.Format(\"Ordering.UnknownSku\", sku)];")]
    [InlineData("Results.Ok(x) : Problem.NotFound(\"NotFound.Order\"))")]
    [InlineData("errors.Add(new ImportError(1, \"header\", Localization.T.Get(\"Import.Empty\")));")]
    [InlineData("log.LogError(exception, \"Unhandled exception on {Method}\", method);")]
    public void Texts_from_the_resource_files_pass(string fine)
    {
        Assert.Empty(ResourceTexts.LiteralMessages(fine));
    }
}
