using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Notifications.Templates;

/// <summary>Where the renderer looks for staff's overrides before the shipped templates.</summary>
internal interface ITemplateOverrides
{
    string? Find(string situation, string language, TemplatePart part);
}

/// <summary>Reads all overrides once per scope (one dispatcher batch or one request); the table is small.</summary>
internal sealed class StoredTemplateOverrides(UhrwerkDbContext db) : ITemplateOverrides
{
    private Dictionary<(string, string, TemplatePart), string>? _all;

    public string? Find(string situation, string language, TemplatePart part)
    {
        _all ??= db.TemplateOverrides.AsNoTracking().ToList().ToDictionary(o => (o.Situation, o.Language, o.Part), o => o.Source);
        return _all.GetValueOrDefault((situation, language, part));
    }
}
