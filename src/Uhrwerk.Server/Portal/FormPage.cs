using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Portal;

/// <summary>
/// A portal page whose forms call use cases. <see cref="ActAsync"/> runs one: its notice shows when it
/// succeeds, what it refused (a business rule, field errors, a concurrent change) when it does not, and the
/// page loads again either way so that it shows the state after the attempt.
/// </summary>
public abstract class FormPage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    /// <summary>What the last action did, for the reader; null shows nothing.</summary>
    protected string? Notice { get; set; }

    /// <summary>What the last action refused, for <see cref="ProblemMessages"/>.</summary>
    protected Exception? Error { get; set; }

    /// <summary>What a reader is told when someone else changed the same thing meanwhile.</summary>
    protected virtual string ChangedConcurrentlyText => T.Get("Problem.ChangedConcurrentlyDetail");

    /// <summary>Loads what the page shows; runs again after every action.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs a use case; the text it returns becomes the notice. False when it was refused. The use cases trust
    /// their caller's rights as the API's endpoints check them, so a page passes whether the reader has them as
    /// <paramref name="allowed"/>; without them nothing runs.
    /// </summary>
    protected async Task<bool> ActAsync(Func<CancellationToken, Task<string?>> action, bool allowed = true)
    {
        try
        {
            if (allowed)
            {
                Notice = await action(HttpContext.RequestAborted);
            }
        }
        catch (Exception e) when (e is DomainException or ValidationFailedException)
        {
            Error = e;
        }
        catch (DbUpdateConcurrencyException)
        {
            Error = new DomainException("changed_concurrently", ChangedConcurrentlyText);
        }

        await LoadAsync();
        return Error is null;
    }
}
