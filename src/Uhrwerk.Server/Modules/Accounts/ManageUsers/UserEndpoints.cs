using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.ManageUsers;

internal static class UserEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/company/users").WithTags("Customer center").RequirePermission(Permission.ManageUsers);
        users.MapGet("/", (CompanyUsers handler, CancellationToken ct) => handler.ListAsync(ct)).WithSummary("List the users of my company");
        users.MapGet("/{userId:guid}", async (Guid userId, CompanyUsers handler, CancellationToken ct) => Found(await handler.FindAsync(userId, ct)))
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", async (CreateUserRequest request, CompanyUsers handler, CancellationToken ct) =>
        {
            var user = await handler.CreateAsync(request, ct);
            return Results.Created($"/api/v1/company/users/{user.Id}", user);
        }).WithSummary("Create a user and send an invitation with a set-password link")
            .Produces<UserResponse>(StatusCodes.Status201Created);
        users.MapPut("/{userId:guid}/name", async (Guid userId, RenameUserRequest request, CompanyUsers handler, CancellationToken ct) =>
            Found(await handler.RenameAsync(userId, request, ct)))
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/email", async (Guid userId, ChangeEmailRequest request, CompanyUsers handler, CancellationToken ct) =>
            Found(await handler.ChangeEmailAsync(userId, request, ct))).WithSummary("Change the e-mail address; it takes effect when the user confirms it")
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{userId:guid}/deactivate", async (Guid userId, CompanyUsers handler, CancellationToken ct) =>
            Found(await handler.DeactivateAsync(userId, ct))).WithSummary("Deactivate a user; their sessions and tokens stop working at once")
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{userId:guid}/reactivate", async (Guid userId, CompanyUsers handler, CancellationToken ct) =>
            Found(await handler.ReactivateAsync(userId, ct)))
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/roles", async (Guid userId, AssignRolesRequest request, CompanyUsers handler, CancellationToken ct) =>
            Found(await handler.AssignRolesAsync(userId, request, ct)))
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/budget", async (Guid userId, BudgetRequest request, CompanyUsers handler, CancellationToken ct) =>
            Found(await handler.SetBudgetAsync(userId, request, ct)))
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/company/erp-contacts/{contactId:guid}/take-over", async (Guid contactId, CompanyUsers handler, CancellationToken ct) =>
                Found(await handler.TakeOverErpContactAsync(contactId, ct)))
            .WithTags("Customer center").RequirePermission(Permission.ManageUsers)
            .WithSummary("Take an ERP-known contact of my company over as a user")
            .Produces<UserResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Found(UserResponse? user) => user is null ? Problem.NotFound("NotFound.User") : Results.Ok(user);
}
