using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Uhrwerk.Server.Platform.Problems;

/// <summary>
/// Checks a request's DataAnnotations inside the use case. The API checks them before the handler runs, but the
/// portal's pages call use cases directly; checking here too makes both refuse the same value with the same
/// field name and message.
/// </summary>
public static class RequestValidation
{
    /// <summary>Throws <see cref="ValidationFailedException"/> with every field error of the request and of the requests it carries.</summary>
    public static void Validate(object request)
    {
        var errors = new Dictionary<string, string[]>();
        Collect(request, "", errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static void Collect(object request, string prefix, Dictionary<string, string[]> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                var field = ProblemsSetup.JsonPath(prefix + member);
                errors[field] = [.. errors.GetValueOrDefault(field) ?? [], result.ErrorMessage ?? ""];
            }
        }

        // Nested requests (an approval's correction, a list's lines) are checked as the API checks them, with their path.
        foreach (var property in request.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            switch (property.GetValue(request))
            {
                case { } value when IsRequest(value.GetType()):
                    Collect(value, $"{prefix}{property.Name}.", errors);
                    break;
                case IEnumerable items and not string:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is not null && IsRequest(item.GetType()))
                        {
                            Collect(item, $"{prefix}{property.Name}[{index}].", errors);
                        }

                        index++;
                    }

                    break;
            }
        }
    }

    private static bool IsRequest(Type type) => type.Assembly == typeof(RequestValidation).Assembly && type.IsClass;
}
