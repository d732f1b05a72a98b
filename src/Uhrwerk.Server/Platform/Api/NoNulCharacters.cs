using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uhrwerk.Server.Platform.Api;

/// <summary>
/// Refuses the NUL character in any text a client sends: PostgreSQL cannot store it, so a name, a search or a
/// number holding one would otherwise fail on the database. Other control characters are the domain's to judge.
/// </summary>
internal static class NoNulCharacters
{
    public const string Message = "Text must not contain the NUL character (U+0000).";

    public static bool In(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;

    /// <summary>Query values of every API endpoint.</summary>
    public static ValueTask<object?> InQuery(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Query.Any(q => In(q.Key) || q.Value.Any(In))
            ? ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: Localization.T.Get("Problem.BadRequest"), detail: Localization.T.Get("Text.ControlCharacters")))
            : next(context);

    /// <summary>Strings in every JSON body; the framework answers 400 for the body.</summary>
    public sealed class InJson : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString())!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        private static string? Checked(string? text) => In(text) ? throw new JsonException(Message) : text;
    }
}
