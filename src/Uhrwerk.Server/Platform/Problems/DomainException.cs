namespace Uhrwerk.Server.Platform.Problems;

/// <summary>A business rule was violated; the API answers 409 with the message.</summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The caller may see the thing but not do this to it, e.g. decide their own order; the API answers 403.</summary>
public sealed class NotAllowedException(string code, string message) : DomainException(code, message);

/// <summary>
/// The request is well formed but breaks a business rule about quantities, dates or limits, e.g. shipping more than was
/// ordered or calling off more than a contract's remainder; the API answers 422, naming the field when one is to blame.
/// </summary>
public sealed class UnprocessableException(string code, string? field, string message) : DomainException(code, message)
{
    public string? Field { get; } = field;
}

/// <summary>Input that can never be valid; the API answers 400 with the field errors.</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors)
    : Exception("One or more validation errors occurred.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
