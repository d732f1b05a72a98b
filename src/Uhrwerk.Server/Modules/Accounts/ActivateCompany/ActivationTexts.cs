using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.ActivateCompany;

internal static class ActivationTexts
{
    public static string Activated => T.Get("Activation.Activated");

    public static string Message(ActivationOutcome outcome) => outcome switch
    {
        ActivationOutcome.DataDoNotMatch => T.Get("Activation.DataDoNotMatch"),
        ActivationOutcome.AlreadyActive => T.Get("Activation.AlreadyActive"),
        ActivationOutcome.EmailInUse => T.Get("Activation.EmailInUse"),
        ActivationOutcome.TooManyAttempts => T.Get("Activation.TooManyAttempts"),
        ActivationOutcome.AwaitsConfirmation => T.Get("Activation.AwaitsConfirmation"),
        _ => Activated,
    };

    public static ProblemHttpResult Problem(ActivationOutcome outcome) => TypedResults.Problem(
        statusCode: outcome switch
        {
            ActivationOutcome.AlreadyActive or ActivationOutcome.EmailInUse => StatusCodes.Status409Conflict,
            ActivationOutcome.TooManyAttempts => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status422UnprocessableEntity,
        },
        title: T.Get("Activation.NotPossible"),
        detail: Message(outcome),
        extensions: new Dictionary<string, object?> { ["code"] = outcome.ToString() });
}
