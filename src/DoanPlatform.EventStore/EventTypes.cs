using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DoanPlatform.EventStore;

/// <summary>Stable aliases for event types, their JSON serialisation and upcasters for old shapes.</summary>
public sealed class EventTypes
{
    private readonly Dictionary<Type, string> _aliasByType = [];
    private readonly Dictionary<string, Type> _typeByAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<JsonElement, object>> _upcasters = new(StringComparer.Ordinal);

    /// <summary>
    /// Serialiser options for event data. Modules add their source-generated contexts to
    /// <see cref="AddSerializerContext"/>; reflection is the last resort.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>Registers an event type under a stable alias such as <c>meetings.attendance_recorded</c>.</summary>
    public EventTypes Add<TEvent>(string alias) => Add(typeof(TEvent), alias);

    /// <summary>Registers an event type under a stable alias.</summary>
    public EventTypes Add(Type type, string alias)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        if (_typeByAlias.TryGetValue(alias, out var existing) && existing != type)
            throw new InvalidOperationException($"Alias '{alias}' is already used by {existing.FullName}.");
        _aliasByType[type] = alias;
        _typeByAlias[alias] = type;
        return this;
    }

    /// <summary>Reads events stored under <paramref name="oldAlias"/> (a retired shape) as a current event.</summary>
    public EventTypes Upcast<TEvent>(string oldAlias, Func<JsonElement, TEvent> upcast) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(upcast);
        _upcasters[oldAlias] = json => upcast(json);
        return this;
    }

    /// <summary>Adds a source-generated serialiser context ahead of reflection.</summary>
    public EventTypes AddSerializerContext(IJsonTypeInfoResolver context)
    {
        SerializerOptions.TypeInfoResolverChain.Insert(SerializerOptions.TypeInfoResolverChain.Count - 1, context);
        return this;
    }

    /// <summary>The alias of a registered type.</summary>
    public string AliasFor(Type type) =>
        _aliasByType.TryGetValue(type, out var alias) ? alias : throw new UnknownEventTypeException(type);

    /// <summary>True when the alias (current or upcast) can be read.</summary>
    public bool IsKnown(string alias) => _typeByAlias.ContainsKey(alias) || _upcasters.ContainsKey(alias);

    /// <summary>The current type an alias is read as, or null.</summary>
    public Type? TypeFor(string alias) => _typeByAlias.GetValueOrDefault(alias);

    /// <summary>All aliases that are read as one of the given types, including upcast ones.</summary>
    internal string[] AliasesFor(IReadOnlyCollection<Type> types)
    {
        var aliases = types.Select(AliasFor).ToList();
        foreach (var (alias, _) in _upcasters)
            aliases.Add(alias);
        return [.. aliases.Distinct()];
    }

    internal string Serialize(object data) => JsonSerializer.Serialize(data, data.GetType(), SerializerOptions);

    internal object Deserialize(long sequence, string alias, string json)
    {
        try
        {
            if (_typeByAlias.TryGetValue(alias, out var type))
                return JsonSerializer.Deserialize(json, type, SerializerOptions)
                       ?? throw new EventDeserializationException(sequence, alias, "the payload is null");
            if (_upcasters.TryGetValue(alias, out var upcast))
            {
                using var doc = JsonDocument.Parse(json);
                return upcast(doc.RootElement);
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new EventDeserializationException(sequence, alias, e.Message, e);
        }
        throw new EventDeserializationException(sequence, alias, "no event type or upcaster is registered for this alias");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        return options;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext
{
    private static readonly JsonSerializerOptions RelaxedOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static MetadataJsonContext Relaxed { get; } = new(RelaxedOptions);
}
