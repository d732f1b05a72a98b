using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Idempotency;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.ManageUsers;

internal static class UserEndpoints
{
    public static void Map(RouteGroupBuilder accounts)
    {
        var users = accounts.MapGroup("/company/users").RequirePermission(Permission.ManageUsers);
        users.MapGet("/", List).WithSummary("List the users of my company");
        users.MapGet("/{userId:guid}", Find).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/", Create).WithIdempotency().WithSummary("Create a user and send an invitation with a set-password link");
        users.MapPut("/{userId:guid}/name", Rename).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/email", ChangeEmail).WithSummary("Change the e-mail address; it takes effect when the user confirms it")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{userId:guid}/deactivate", Deactivate).WithSummary("Deactivate a user; their sessions and tokens stop working at once")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{userId:guid}/reactivate", Reactivate).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/roles", AssignRoles).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/{userId:guid}/budget", SetBudget).ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/company/erp-contacts/{contactId:guid}/take-over", TakeOverErpContact)
            .RequirePermission(Permission.ManageUsers)
            .WithSummary("Take an ERP-known contact of my company over as a user")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<UserResponse>>> List(CompanyUsers handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.ListAsync(ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Find(Guid userId, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.FindAsync(userId, ct));

    private static async Task<Created<UserResponse>> Create(CreateUserRequest request, CompanyUsers handler, CancellationToken ct)
    {
        var user = await handler.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/company/users/{user.Id}", user);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Rename(Guid userId, RenameUserRequest request, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.RenameAsync(userId, request, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangeEmail(Guid userId, ChangeEmailRequest request, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.ChangeEmailAsync(userId, request, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Deactivate(Guid userId, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.DeactivateAsync(userId, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Reactivate(Guid userId, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.ReactivateAsync(userId, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> AssignRoles(Guid userId, AssignRolesRequest request, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.AssignRolesAsync(userId, request, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> SetBudget(Guid userId, BudgetRequest request, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.SetBudgetAsync(userId, request, ct));

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> TakeOverErpContact(Guid contactId, CompanyUsers handler, CancellationToken ct) =>
        Found(await handler.TakeOverErpContactAsync(contactId, ct));

    private static Results<Ok<UserResponse>, ProblemHttpResult> Found(UserResponse? user) => user is null ? Problem.NotFound("NotFound.User") : TypedResults.Ok(user);
}
