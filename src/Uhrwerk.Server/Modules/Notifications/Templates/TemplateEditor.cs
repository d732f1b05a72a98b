using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Notifications.Templates;

public sealed record TemplatePartResponse(TemplatePart Part, string Source, bool Overridden);

public sealed record WriteTemplateRequest([property: Required(AllowEmptyStrings = false), StringLength(100_000)] string Source);

public sealed record PreviewRequest(string? Subject, string? Text, string? Html);

/// <summary>The back office's template editor: read, override, reset, and preview with sample data before saving.</summary>
internal sealed class TemplateEditor(UhrwerkDbContext db, ITemplateOverrides stored, IOptions<BrandingOptions> branding, CurrentUser me, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<string, string> SampleData = new Dictionary<string, string>
    {
        ["display_name"] = "Erika Mustermann",
        ["link"] = "https://portal.example/set-password?user=demo&token=demo",
        ["order_number"] = "UW-2026-000123",
        ["new_date"] = "04.12.2026",
        ["reason"] = "Verzögerung beim Lieferanten",
    };

    public IReadOnlyList<TemplatePartResponse> Parts(string situation, string language)
    {
        Known(situation, language);
        return Enum.GetValues<TemplatePart>().Select(part => stored.Find(situation, language, part) is { } source
            ? new TemplatePartResponse(part, source, true)
            : new TemplatePartResponse(part, TemplateRenderer.ShippedSource(situation, language, part) ?? "", false)).ToList();
    }

    public async Task WriteAsync(string situation, string language, TemplatePart part, string source, CancellationToken ct)
    {
        Known(situation, language);
        var existing = await db.TemplateOverrides.SingleOrDefaultAsync(o => o.Situation == situation && o.Language == language && o.Part == part, ct);
        if (existing is null)
        {
            db.TemplateOverrides.Add(TemplateOverride.Write(situation, language, part, source, me.DisplayName, clock.GetUtcNow()));
        }
        else
        {
            existing.Rewrite(source, me.DisplayName, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> ResetAsync(string situation, string language, TemplatePart part, CancellationToken ct) =>
        await db.TemplateOverrides.Where(o => o.Situation == situation && o.Language == language && o.Part == part).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Renders unsaved edits (or what is in force) with sample data; syntax errors come back with their line.</summary>
    public RenderedMessage Preview(string situation, string language, PreviewRequest edits)
    {
        Known(situation, language);
        var drafts = new Dictionary<TemplatePart, string?> { [TemplatePart.Subject] = edits.Subject, [TemplatePart.Text] = edits.Text, [TemplatePart.Html] = edits.Html };
        var errors = drafts.Where(d => d.Value is not null && TemplateSyntax.Check(d.Value) is not null)
            .ToDictionary(d => d.Key.ToString().ToLowerInvariant(), d => new[] { TemplateSyntax.Check(d.Value!)! });
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new TemplateRenderer(branding, new Drafts(drafts, stored)).Render(situation, language, SampleData);
    }

    private static void Known(string situation, string language)
    {
        if (SituationCatalog.Find(situation) is null || language is not ("de" or "en"))
        {
            throw ValidationFailedException.For("situation", T.Get("Templates.UnknownSituation"));
        }
    }

    private sealed class Drafts(Dictionary<TemplatePart, string?> drafts, ITemplateOverrides stored) : ITemplateOverrides
    {
        public string? Find(string situation, string language, TemplatePart part) => drafts.GetValueOrDefault(part) ?? stored.Find(situation, language, part);
    }
}

internal static class TemplateEndpoints
{
    public static void Map(RouteGroupBuilder notifications)
    {
        var templates = notifications.MapGroup("/backoffice/templates/{situation}/{language}").RequirePermission(Permission.ManageNotifications);
        templates.MapGet("/", Parts).WithSummary("The subject, text and HTML templates in force for a situation and language");
        templates.MapPut("/{part}", Write).WithSummary("Override a template; one that does not parse is refused with its line");
        templates.MapDelete("/{part}", Reset).WithSummary("Go back to the shipped template").ProducesProblem(StatusCodes.Status404NotFound);
        templates.MapPost("/preview", Preview).WithSummary("Render edits with sample data without saving them");
    }

    private static Ok<IReadOnlyList<TemplatePartResponse>> Parts(string situation, string language, TemplateEditor editor) =>
        TypedResults.Ok(editor.Parts(situation, language));

    private static async Task<NoContent> Write(string situation, string language, TemplatePart part, WriteTemplateRequest request, TemplateEditor editor, CancellationToken ct)
    {
        await editor.WriteAsync(situation, language, part, request.Source, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Reset(string situation, string language, TemplatePart part, TemplateEditor editor, CancellationToken ct) =>
        await editor.ResetAsync(situation, language, part, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.Override");

    private static Ok<RenderedMessage> Preview(string situation, string language, PreviewRequest request, TemplateEditor editor) =>
        TypedResults.Ok(editor.Preview(situation, language, request));
}
