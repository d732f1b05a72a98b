using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Uhrwerk.Server.Platform.Data;

internal sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
