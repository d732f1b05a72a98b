using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Notifications.Templates;

public enum TemplatePart { Subject, Text, Html, Sms }

/// <summary>Staff's own wording for one part of a situation's message in one language; it wins over the shipped template.</summary>
public sealed class TemplateOverride
{
    private TemplateOverride() { }

    public Guid Id { get; private set; }
    public string Situation { get; private set; } = "";
    public string Language { get; private set; } = "";
    public TemplatePart Part { get; private set; }
    public string Source { get; private set; } = "";
    public string ChangedBy { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    public static TemplateOverride Write(string situation, string language, TemplatePart part, string source, string changedBy, DateTimeOffset now)
    {
        var written = new TemplateOverride { Id = Guid.CreateVersion7(now), Situation = situation, Language = language, Part = part };
        written.Rewrite(source, changedBy, now);
        return written;
    }

    /// <summary>A template that does not parse is refused here, with its line, so it can never fail at send time.</summary>
    public void Rewrite(string source, string changedBy, DateTimeOffset now)
    {
        if (TemplateSyntax.Check(source) is { } error)
        {
            throw ValidationFailedException.For("source", error);
        }

        Source = source;
        ChangedBy = changedBy;
        ChangedAt = now;
    }
}

public static class TemplateSyntax
{
    /// <summary>
    /// Null when the Liquid source parses; otherwise the first line from which it no longer does
    /// (DotLiquid's messages carry no line numbers, so the lines are tried one prefix at a time).
    /// </summary>
    public static string? Check(string source)
    {
        if (Parses(source) is null)
        {
            return null;
        }

        var lines = source.Split('\n');
        for (var line = 1; line <= lines.Length; line++)
        {
            if (Parses(string.Join('\n', lines.Take(line))) is { } error)
            {
                return T.Format("Templates.SyntaxError", line, error);
            }
        }

        return T.Format("Templates.SyntaxError", lines.Length, Parses(source)!);
    }

    private static string? Parses(string source)
    {
        try
        {
            DotLiquid.Template.Parse(source);
            return null;
        }
        catch (DotLiquid.Exceptions.LiquidException e)
        {
            return e.Message;
        }
    }
}
