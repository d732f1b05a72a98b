using System.Collections.Concurrent;
using System.Reflection;
using DotLiquid;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Server.Modules.Notifications.Templates;

/// <summary>The supplier's branding, shown in every e-mail's layout.</summary>
public sealed class BrandingOptions
{
    public string Name { get; set; } = "Uhrwerk";
    public string? LogoUrl { get; set; }
    public string Color { get; set; } = "#0b4f8a";
    public string Footer { get; set; } = "Uhrwerk GmbH · Musterstraße 1 · 70173 Stuttgart · Amtsgericht Stuttgart HRB 000000";
}

/// <summary>
/// Renders a situation's Liquid templates (subject, text, HTML inside the branded layout) in a
/// language. Templates ship with the app as embedded files named
/// <c>{situation}.{language}.{part}.liquid</c>; English falls back to German if a file is missing.
/// HTML templates escape every value themselves (<c>| escape</c>); Liquid does not.
/// </summary>
internal sealed class TemplateRenderer(IOptions<BrandingOptions> branding, ITemplateOverrides overrides)
{
    private static readonly ConcurrentDictionary<string, Template?> Cache = new();
    private readonly BrandingOptions _branding = branding.Value;

    public RenderedMessage Render(string situation, string language, object model)
    {
        var values = ToLiquid(model);
        values["brand"] = ToLiquid(_branding);
        var subject = Required(situation, language, "subject").Render(values).Trim();
        var text = Required(situation, language, "text").Render(values).Trim();
        var body = Find(situation, language, "html")?.Render(values);
        if (body is null)
        {
            return new RenderedMessage(subject, text, null);
        }

        values["subject"] = subject;
        values["content"] = body;
        return new RenderedMessage(subject, text, Required("layout", language, "html").Render(values));
    }

    /// <summary>Liquid's own naming: DisplayName becomes display_name.</summary>
    private static Hash ToLiquid(object model)
    {
        var hash = new Hash();
        if (model is IEnumerable<KeyValuePair<string, string>> data)
        {
            foreach (var (key, value) in data)
            {
                hash[key] = value;
            }

            return hash;
        }

        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(model);
            hash[SnakeCase(property.Name)] = value is Enum ? value.ToString() : value;
        }

        return hash;
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>A short message for SMS and WhatsApp: the situation's "sms" template, or its subject where there is none.</summary>
    public RenderedMessage RenderShort(string situation, string language, object model)
    {
        var values = ToLiquid(model);
        values["brand"] = ToLiquid(_branding);
        var subject = Required(situation, language, "subject").Render(values).Trim();
        var text = Find(situation, language, "sms")?.Render(values).Trim() ?? subject;
        return new RenderedMessage(subject, text, null);
    }

    /// <summary>The shipped source of a part, for the back office's editor; null if none ships.</summary>
    public static string? ShippedSource(string situation, string language, TemplatePart part)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Uhrwerk.Notifications.Templates.{situation}.{language}.{part.ToString().ToLowerInvariant()}.liquid");
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }

    private Template Required(string situation, string language, string part) =>
        Find(situation, language, part) ?? throw new InvalidOperationException($"There is no {part} template for the situation '{situation}'.");

    private Template? Find(string situation, string language, string part) =>
        Overridden(situation, language, part) ?? Load($"{situation}.{language}.{part}")
        ?? (language == "de" ? null : Overridden(situation, "de", part) ?? Load($"{situation}.de.{part}"));

    private Template? Overridden(string situation, string language, string part) =>
        Enum.TryParse<TemplatePart>(part, ignoreCase: true, out var p) && overrides.Find(situation, language, p) is { } source ? Template.Parse(source) : null;

    private static Template? Load(string name) => Cache.GetOrAdd(name, key =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Uhrwerk.Notifications.Templates.{key}.liquid");
        return stream is null ? null : Template.Parse(new StreamReader(stream).ReadToEnd());
    });
}
