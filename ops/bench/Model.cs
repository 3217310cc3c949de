using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Bench;

/// <summary>The benchmark's only event: a member's short Vietnamese name and a number.</summary>
public sealed record BenchEvent(string Name, int Value)
{
    public const string Alias = "bench.happened";

    // Short Vietnamese names, NFC-normalised as the platform stores text.
    private static readonly string[] Names =
        [.. new[] { "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Đặng Minh Đức", "Vũ Thị Hà", "Bùi Quốc Huy", "Hồ Ngọc Lan" }
            .Select(n => n.Normalize())];

    public static BenchEvent Make(int i) => new(Names[i % Names.Length], i % 1000);
}

/// <summary>Source-generated serialisation, registered as a module would (<c>Events.AddSerializerContext</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BenchEvent))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>The aggregate the bench streams are started as: event count and the sum of values.</summary>
public sealed record BenchTally(int Count, long Sum) : IAggregate<BenchTally>
{
    public static BenchTally Initial { get; } = new(0, 0);

    public BenchTally Evolve(object @event) => @event is BenchEvent e ? new BenchTally(Count + 1, Sum + e.Value) : this;
}

/// <summary>
/// Counts events and sums <see cref="BenchEvent.Value"/> per stream. One upsert per batch: the batch is
/// folded per stream in memory, then sent as three arrays and unnested.
/// </summary>
public sealed class StreamTotalsProjection : IProjection
{
    public const string ProjectionName = "bench_stream_totals";
    public const string SchemaName = "bench";
    public const string TableName = "stream_totals";

    public string Name => ProjectionName;
    public string Schema => SchemaName;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(BenchEvent)];

    public string CreateTablesSql(string schema) =>
        $"create table if not exists \"{schema}\".\"{TableName}\" (stream_id uuid primary key, events bigint not null, value_sum bigint not null)";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        var totals = new Dictionary<Guid, (long Count, long Sum)>();
        foreach (var e in events)
        {
            if (e.Data is not BenchEvent b)
                continue;
            ref var t = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, e.StreamId, out _);
            t = (t.Count + 1, t.Sum + b.Value);
        }
        if (totals.Count == 0)
            return;

        var ids = new Guid[totals.Count];
        var counts = new long[totals.Count];
        var sums = new long[totals.Count];
        var i = 0;
        foreach (var (id, (count, sum)) in totals)
        {
            (ids[i], counts[i], sums[i]) = (id, count, sum);
            i++;
        }

        await using var command = context.Command(
            $"insert into {context.Table(TableName)} as t (stream_id, events, value_sum) " +
            "select * from unnest($1::uuid[], $2::bigint[], $3::bigint[]) " +
            "on conflict (stream_id) do update set events = t.events + excluded.events, value_sum = t.value_sum + excluded.value_sum");
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = counts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = sums, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(ct);
    }
}
