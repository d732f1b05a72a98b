using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Platform.Problems;

internal static class ProblemsSetup
{
    public static IServiceCollection AddUhrwerkProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            // Answers the framework gives on its own (e.g. routing's 415) get a plain text too.
            if (ctx.ProblemDetails.Detail is null && ctx.ProblemDetails.Status is 400 or 413 or 415)
            {
                UseRequestCulture(ctx.HttpContext);
                ctx.ProblemDetails.Detail = T.Get(BadRequestText(ctx.ProblemDetails.Status.Value));
            }

            if (ctx.ProblemDetails is HttpValidationProblemDetails validation)
            {
                // Field names as the client sends them (camelCase JSON), whether the framework or the domain found the error.
                var errors = validation.Errors.ToDictionary(e => JsonPath(e.Key), e => e.Value);
                validation.Errors.Clear();
                foreach (var (field, messages) in errors)
                {
                    validation.Errors[field] = messages;
                }
            }
        });
        services.AddExceptionHandler<DomainExceptionHandler>();
        // A body or parameter that does not bind always reaches the handler below, in every environment, so that the answer is one plain problem.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The request's culture is set further down the pipeline and does not flow back up to the exception handler and the status code pages.</summary>
    internal static void UseRequestCulture(HttpContext http)
    {
        if (http.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } requested)
        {
            CultureInfo.CurrentCulture = requested.Culture;
            CultureInfo.CurrentUICulture = requested.UICulture;
        }
    }

    internal static string BadRequestText(int status) => status switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Problem.UnsupportedMediaType",
        StatusCodes.Status413PayloadTooLarge => "Problem.TooLarge",
        _ => "Problem.Unreadable",
    };

    /// <summary>Where a JSON body could not be read ("lines[0].quantity"), so that a client or a form can point at the field.</summary>
    internal static IDictionary<string, string[]>? FieldOf(BadHttpRequestException b) =>
        b.InnerException is System.Text.Json.JsonException { Path: { Length: > 2 } path } json
            ? new Dictionary<string, string[]> { [path.TrimStart('$', '.')] = [T.Get(json.Message == Api.NoNulCharacters.Message ? "Text.ControlCharacters" : "Problem.Unreadable")] }
            : null;

    internal static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>Maps exceptions to RFC 9457 answers so that no stack trace ever reaches a client.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> log)
    : IExceptionHandler
{
    private const string RetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemsSetup.UseRequestCulture(http);
        var (status, title, detail, errors) = exception switch
        {
            ValidationFailedException v => (400, T.Get("Problem.ValidationFailed"), T.Get("Problem.ValidationFailedDetail"), v.Errors),
            NotAllowedException n => (403, T.Get("Problem.NotAllowed"), n.Message, null),
            UnprocessableException u => (422, T.Get("Problem.Unprocessable"), u.Message, u.Field is null ? null : new Dictionary<string, string[]> { [u.Field] = [u.Message] }),
            DomainException d => (409, T.Get("Problem.Conflict"), d.Message, null),
            DbUpdateConcurrencyException => (409, T.Get("Problem.ChangedConcurrently"), T.Get("Problem.ChangedConcurrentlyDetail"), null),
            // The framework's message names parameter types ("Failed to read parameter \"RoleRequest request\""): internal, and English only.
            BadHttpRequestException b => (b.StatusCode, T.Get("Problem.BadRequest"), T.Get(ProblemsSetup.BadRequestText(b.StatusCode)), ProblemsSetup.FieldOf(b)),
            _ when DatabaseErrors.IsTransient(exception) => (503, T.Get("Problem.DatabaseUnavailable"), T.Get("Problem.DatabaseUnavailableDetail"), null),
            _ => (500, T.Get("Problem.Unexpected"), T.Get("Problem.UnexpectedDetail"), (IDictionary<string, string[]>?)null),
        };
        if (status == 500)
        {
            log.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        else if (status == 503)
        {
            // A restart or failover of the database takes seconds; clients that honour Retry-After come back when it is likely over.
            log.LogWarning(exception, "The database was unavailable on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        http.Response.StatusCode = status;
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        if (exception is DomainException de)
        {
            problem.Extensions["code"] = de.Code;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}

internal static class Problem
{
    /// <summary>A 404 whose detail is the resource text <paramref name="key"/> (e.g. "NotFound.Order") in the caller's language.</summary>
    public static ProblemHttpResult NotFound(string key, params object[] args) =>
        TypedResults.Problem(statusCode: 404, title: T.Get("Problem.NotFound"), detail: T.Format(key, args));
}
