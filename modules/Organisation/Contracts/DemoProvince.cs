using DoanPlatform.EventStore;

namespace DoanPlatform.Organisation.Contracts;

/// <summary>A unit of the demo province as it stood in 2023 and 2024, before the 2025 reform.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Code">Code, e.g. <c>BRVT.CD.NG</c>.</param>
/// <param name="Name">Full name.</param>
/// <param name="ParentId">Its parent (null for the province).</param>
/// <param name="Level">Level.</param>
/// <param name="Sector">Sector.</param>
/// <param name="EstablishedOn">From when it exists.</param>
/// <param name="Place">Where it meets and signs, e.g. "Châu Đức".</param>
/// <param name="Officials">Its officials, the secretary first.</param>
public sealed record DemoUnit(Guid Id, string Code, string Name, Guid? ParentId, UnitLevel Level, Sector Sector, DateOnly EstablishedOn, string Place,
    IReadOnlyList<OfficialSummary> Officials)
{
    /// <summary>The secretary (Bí thư).</summary>
    public string Secretary => Officials[0].PersonName;
}

/// <summary>A demo account; its password is printed for the operator (demo data only).</summary>
/// <param name="Id">Account id.</param>
/// <param name="UserName">User name.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Password">The password.</param>
/// <param name="Role">Its one role.</param>
/// <param name="UnitId">The unit the role is granted on (null: the whole platform).</param>
public sealed record DemoAccount(Guid Id, string UserName, string DisplayName, string Password, Role Role, Guid? UnitId)
{
    /// <summary>The actor its writes are stamped with.</summary>
    public Actor Actor => new(Id.ToString(), DisplayName);
}

/// <summary>What one module's demo loader wrote: the number of events, and one line per kind of record, in Vietnamese.</summary>
/// <param name="Events">Events appended.</param>
/// <param name="Summary">Lines for the operator.</param>
public sealed record DemoLoaded(long Events, IReadOnlyList<string> Summary);

/// <summary>
/// The demo province the Organisation module loaded (<c>OrganisationModule.LoadDemoAsync</c>): what the other modules' demo loaders build on.
/// </summary>
/// <param name="ProvinceId">The province union's id.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Units">Every unit as of 2023–2024, parents first.</param>
/// <param name="Accounts">The demo accounts.</param>
/// <param name="Loaded">What was written.</param>
public sealed record DemoProvince(Guid ProvinceId, string Code, string Name, IReadOnlyList<DemoUnit> Units, IReadOnlyList<DemoAccount> Accounts, DemoLoaded Loaded)
{
    /// <summary>The province office's account: the actor of the office's writes.</summary>
    public DemoAccount Office => Accounts.First(a => a.Role == Role.OfficeStaff);

    /// <summary>The unit with this id.</summary>
    public DemoUnit Unit(Guid id) => Units.First(u => u.Id == id);

    /// <summary>The units directly under <paramref name="parentId"/> that existed on <paramref name="on"/>.</summary>
    public IReadOnlyList<DemoUnit> ChildrenOf(Guid parentId, DateOnly on) => [.. Units.Where(u => u.ParentId == parentId && u.EstablishedOn <= on)];

    /// <summary>The grassroots units (the ones scored in emulation).</summary>
    public IReadOnlyList<DemoUnit> Grassroots => [.. Units.Where(u => u.Level == UnitLevel.Grassroots)];

    /// <summary>The office of a unit that convenes meetings: the province's is the office account, the others write as their office.</summary>
    public Actor OfficeOf(DemoUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Id == ProvinceId ? Office.Actor : new Actor($"demo:{unit.Code}", $"Văn phòng {unit.Name}");
    }

    /// <summary>The secretary of a unit reporting for it: the demo UnitSecretary account for its unit, the unit's secretary otherwise.</summary>
    public Actor SecretaryOf(DemoUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Accounts.FirstOrDefault(a => a.Role == Role.UnitSecretary && a.UnitId == unit.Id)?.Actor
               ?? new Actor($"demo:{unit.Code}", $"{unit.Secretary} (Bí thư {unit.Name})");
    }

    /// <summary>The same unit ids in the same order, whatever the load: demo data must come out identical.</summary>
    public static Guid IdFor(string kind, string key) => DeterministicGuid.Create(Namespace, $"{kind}:{key}");

    private static readonly Guid Namespace = Guid.Parse("9b2f6c1e-4d7a-4e3b-8f15-2a6c9d0e7b43");
}

/// <summary>
/// Demo events collected stream by stream and written with one bulk append: each event with the actor, reason and decision the
/// module's own command would have stamped it with, and an id derived from its stream and version, so two loads are identical.
/// </summary>
public sealed class DemoStreams
{
    private readonly List<(Guid Id, string Type, List<object> Events, List<EventMetadata> Metadata)> _streams = [];
    private readonly Dictionary<Guid, int> _index = [];

    /// <summary>Events collected so far.</summary>
    public long Count { get; private set; }

    /// <summary>The stream's version once the collected events are written (0 for an unknown stream).</summary>
    public long VersionOf(Guid streamId) => _index.TryGetValue(streamId, out var i) ? _streams[i].Events.Count : 0;

    /// <summary>
    /// Takes the next number of <paramref name="issuingUnitId"/>'s notice register for <paramref name="year"/> among the collected streams,
    /// as <see cref="INoticeRegister"/> does in a session (a demo's registers start empty).
    /// </summary>
    public int TakeNoticeNumber(Guid issuingUnitId, int year, string document, Guid documentId, Actor actor, string? reason, string? decision)
    {
        var registerId = Notices.NoticeRegister.StreamId(issuingUnitId, year);
        var number = (int)VersionOf(registerId) + 1;
        Append<Notices.NoticeRegister>(registerId, actor, reason, decision, new Notices.NoticeNumberTaken(issuingUnitId, year, number, document, documentId));
        return number;
    }

    /// <summary>Appends events to a stream of aggregate type <typeparamref name="T"/> (started on its first events).</summary>
    public void Append<T>(Guid streamId, Actor actor, string? reason, string? decision, params IEnumerable<object> events) =>
        Append(streamId, typeof(T).Name, actor, reason, decision, events);

    /// <summary>Appends events to a stream of aggregate type <paramref name="streamType"/> (started on its first events).</summary>
    public void Append(Guid streamId, string streamType, Actor actor, string? reason, string? decision, IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(events);
        if (!_index.TryGetValue(streamId, out var i))
        {
            _index[streamId] = i = _streams.Count;
            _streams.Add((streamId, streamType, [], []));
        }
        var metadata = new EventMetadata(actor.Id, actor.Name, reason, decision);
        var stream = _streams[i];
        foreach (var e in events)
        {
            stream.Events.Add(new IdentifiedEvent(EventId(streamId, stream.Events.Count + 1), e));
            stream.Metadata.Add(metadata);
            Count++;
        }
    }

    /// <summary>The deterministic id of the event at <paramref name="version"/> of a demo stream.</summary>
    public static Guid EventId(Guid streamId, long version) => DemoProvince.IdFor("event", $"{streamId:N}/{version}");

    /// <summary>Writes every collected stream (all must be new) in one transaction; returns the number of events.</summary>
    public Task<long> WriteAsync(IDocumentStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Advanced.BulkInsertStreamsAsync(_streams.Select(s => new BulkStream(s.Id, s.Type, s.Events, s.Metadata)), Actor.System,
            "Nạp dữ liệu mẫu", ct);
    }
}
