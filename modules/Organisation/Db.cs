using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Organisation;

/// <summary>Typed parameters for the module's hand-written SQL (nulls need a type for PostgreSQL to infer).</summary>
internal static class Db
{
    public const string Schema = "organisation";

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand Id(this NpgsqlCommand command, string name, Guid? value) => command.With(name, value, NpgsqlDbType.Uuid);
    public static NpgsqlCommand Date(this NpgsqlCommand command, string name, DateOnly? value) => command.With(name, value, NpgsqlDbType.Date);
    public static NpgsqlCommand Str(this NpgsqlCommand command, string name, string? value) => command.With(name, value, NpgsqlDbType.Text);
    public static NpgsqlCommand Long(this NpgsqlCommand command, string name, long value) => command.With(name, value, NpgsqlDbType.Bigint);

    public static Guid? NullableGuid(this NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);
    public static string? NullableString(this NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
    public static DateOnly? NullableDate(this NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);

    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            result.Add(map(reader));
        return result;
    }
}
