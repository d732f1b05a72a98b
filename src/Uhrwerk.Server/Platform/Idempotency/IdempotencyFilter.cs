using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Platform.Idempotency;

/// <summary>Where the idempotency record is written, which must be the transaction of the business change.</summary>
public enum IdempotencyClaim
{
    /// <summary>The filter opens a transaction, claims the record in it and runs the handler inside it.</summary>
    InFilterTransaction,

    /// <summary>
    /// The handler manages transactions of its own (an order draws its number in a separate one), so it
    /// claims <see cref="IdempotentRequests.Claimable"/> in its business transaction and completes it there.
    /// </summary>
    ByHandler,
}

public static class IdempotencyEndpoints
{
    /// <summary>
    /// Makes a POST safe to retry with an <c>Idempotency-Key</c> header: the same key with the same body
    /// replays the first answer, another body is 422, a duplicate still in progress is 409.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder endpoint, IdempotencyClaim claim = IdempotencyClaim.InFilterTransaction) =>
        endpoint.AddEndpointFilter(new IdempotencyFilter(claim))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotentRequests.Header,
                    In = ParameterLocation.Header,
                    Description = "Any string up to 200 characters, new for each intended request; a retry with the same key and body gets the first answer again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                });
                return Task.CompletedTask;
            });
}

internal sealed class IdempotencyFilter(IdempotencyClaim claim) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[IdempotentRequests.Header].ToString();
        if (key.Length == 0)
        {
            return await next(context);
        }

        var services = http.RequestServices;
        var idempotent = services.GetRequiredService<IdempotentRequests>();
        var me = services.GetRequiredService<CurrentUser>();
        var route = $"{http.Request.Method} {http.Request.PathBase}{http.Request.Path}";
        var hash = IdempotentRequests.Hash(RequestBody(context, services));
        var ct = http.RequestAborted;

        var start = await idempotent.StartAsync(me.CompanyId, me.RequiredUserId, route, key, hash, ct);
        if (start is IdempotentStart.Proceed proceed)
        {
            try
            {
                return claim == IdempotencyClaim.ByHandler
                    ? await ClaimedByHandlerAsync(context, next, idempotent, proceed.Record)
                    : await InTransactionAsync(context, next, idempotent, proceed.Record, services.GetRequiredService<UhrwerkDbContext>());
            }
            catch (IdempotencyKeyTakenException)
            {
                start = await idempotent.StartAsync(me.CompanyId, me.RequiredUserId, route, key, hash, ct);
            }
        }

        switch (start)
        {
            case IdempotentStart.Replay replay:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                if (replay.Record.Location is { } location)
                {
                    http.Response.Headers.Location = location;
                }

                return Results.Content(replay.Record.ResponseBody, "application/json", statusCode: replay.Record.StatusCode);
            case IdempotentStart.Refuse refuse:
                return TypedResults.Problem(statusCode: refuse.StatusCode, title: refuse.StatusCode == 422 ? "Idempotency key reused" : "Request in progress", detail: refuse.Detail);
            default:
                return TypedResults.Problem(statusCode: 409, title: "Request in progress", detail: "A request with this Idempotency-Key is still being processed.");
        }
    }

    private static async Task<object?> ClaimedByHandlerAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IdempotentRequests idempotent, IdempotencyRecord record)
    {
        idempotent.Claimable = record;
        return await next(context);
    }

    /// <summary>
    /// The answer is written to a buffer first, so that the record is completed with exactly the bytes the
    /// client gets and committed together with the business change before the client sees anything.
    /// Only a success is kept: after a refusal nothing was changed, and the client may retry with the same key.
    /// </summary>
    private static async Task<object?> InTransactionAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IdempotentRequests idempotent, IdempotencyRecord record, UhrwerkDbContext db)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await idempotent.ClaimAsync(record, ct);
        var result = await next(context);
        var answer = result as IResult ?? TypedResults.Ok(result);

        var client = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = client;
        }

        if (http.Response.StatusCode is >= 200 and < 300)
        {
            var location = http.Response.Headers.Location.ToString();
            record.Complete(http.Response.StatusCode, Encoding.UTF8.GetString(buffer.ToArray()), location.Length == 0 ? null : location);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(client, ct);
        return Results.Empty;
    }

    /// <summary>The bound body as the API reads it, so that formatting differences of one request do not count as another body.</summary>
    private static string RequestBody(EndpointFilterInvocationContext context, IServiceProvider services)
    {
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(bodyType.IsInstanceOfType);
        return body is null ? "" : JsonSerializer.Serialize(body, bodyType!, services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
    }
}
