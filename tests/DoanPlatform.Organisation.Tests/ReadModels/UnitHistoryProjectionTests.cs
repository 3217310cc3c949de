using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.ReadModels;
using DoanPlatform.Organisation.Units;
using DoanPlatform.Testing;

namespace DoanPlatform.Organisation.Tests.ReadModels;

public class UnitHistoryProjectionTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly Decision Founding = new("01-QĐ/TĐTN", new DateOnly(2010, 1, 1), "Lê Văn Cường");
    private static readonly Decision Reform = new("845-QĐ/TĐTN", new DateOnly(2025, 6, 20), "Trần Thị Bình");

    [Fact]
    public async Task History_says_what_happened_in_Vietnamese_with_decision_actor_and_reason_and_a_rebuild_gives_the_same_rows()
    {
        var (parent, other, unit) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = factory.Store.LightweightSession(new Actor("acc-1", "Nguyễn Thị Văn Phòng")))
        {
            session.Reason = "Khởi tạo";
            session.Events.StartStream<Unit>(parent, UnitTreeProjectionTests.Established(parent, "P", "Huyện đoàn Đất Đỏ", null, new DateOnly(2000, 1, 1), UnitLevel.District));
            session.Events.StartStream<Unit>(other, UnitTreeProjectionTests.Established(other, "O", "Đoàn xã Đất Đỏ", null, new DateOnly(2025, 7, 1), UnitLevel.Commune));
            session.Events.StartStream<Unit>(unit, UnitTreeProjectionTests.Established(unit, "U", "Đoàn xã Phước Hội", parent, new DateOnly(2010, 1, 1)) with { Decision = Founding });
            await session.SaveChangesAsync();
        }
        await using (var session = factory.Store.LightweightSession(new Actor("acc-2", "Trần Văn Kiểm")))
        {
            session.Reason = "Sắp xếp tổ chức theo Nghị quyết 60";
            session.Decision = Reform.NumberSymbol;
            session.Events.Append(unit,
                new UnitMoved(unit, parent, other, new DateOnly(2025, 7, 1), Reform),
                new UnitRenamed(unit, "Đoàn thôn Phước Hội", "Phước Hội", new DateOnly(2025, 7, 2), Reform));
            await session.SaveChangesAsync();
        }
        await factory.WaitForNonStaleAsync();

        var history = await UnitHistory.ForUnitAsync(factory.Store.DataSource, unit, default);

        Assert.Equal(
        [
            "01/01/2010 Thành lập Đoàn xã Phước Hội (mã U, cơ sở, không thuộc khối), trực thuộc Huyện đoàn Đất Đỏ. | Quyết định số 01-QĐ/TĐTN ngày 01/01/2010, người ký: Lê Văn Cường | Nguyễn Thị Văn Phòng | Khởi tạo",
            "01/07/2025 Chuyển từ trực thuộc Huyện đoàn Đất Đỏ sang trực thuộc Đoàn xã Đất Đỏ. | Quyết định số 845-QĐ/TĐTN ngày 20/06/2025, người ký: Trần Thị Bình | Trần Văn Kiểm | Sắp xếp tổ chức theo Nghị quyết 60",
            "02/07/2025 Đổi tên từ “Đoàn xã Phước Hội” thành “Đoàn thôn Phước Hội” (tên viết tắt: Phước Hội). | Quyết định số 845-QĐ/TĐTN ngày 20/06/2025, người ký: Trần Thị Bình | Trần Văn Kiểm | Sắp xếp tổ chức theo Nghị quyết 60",
        ], history.Select(h => $"{h.EffectiveDate:dd/MM/yyyy} {h.Description} | {h.DecisionText} | {h.ActorName} | {h.Reason}"));
        Assert.All(history, h => Assert.True(h.RecordedAt > DateTimeOffset.UtcNow.AddMinutes(-5)));

        await factory.Store.Advanced.RebuildProjectionAsync(UnitHistoryProjection.ProjectionName);
        var rebuilt = await UnitHistory.ForUnitAsync(factory.Store.DataSource, unit, default);
        Assert.Equal(history, rebuilt);
    }
}
