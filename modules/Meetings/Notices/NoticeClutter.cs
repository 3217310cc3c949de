using System.Text.RegularExpressions;

namespace DoanPlatform.Meetings.Notices;

/// <summary>
/// What a web page puts around a published report: buttons, players, comment boxes and related headlines (dropped when the
/// text is read), photo captions and author lines (kept for the chair's caption, never read as conclusions).
/// </summary>
internal static partial class NoticeClutter
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    /// <summary>A line of the page's furniture, never part of the report.</summary>
    public static bool IsWidget(string line) => Widget().IsMatch(line);

    /// <summary>"Tin liên quan" and the like: what follows is other reports' headlines.</summary>
    public static bool IsRelatedHeading(string line) => Related().IsMatch(line);

    /// <summary>A photo caption or an author line: prose without a closing stop that describes a photo or names who wrote the page.</summary>
    public static bool IsCaptionOrAuthor(string paragraph)
    {
        if (Author().IsMatch(paragraph) || UpperCaseName().IsMatch(paragraph))
            return true;
        var text = PhotoCredit().Replace(paragraph, "").TrimEnd();
        if (text.Length == 0 || ".;:!?…".Contains(text[^1], StringComparison.Ordinal) || text.Length > 250)
            return PhotoCredit().IsMatch(paragraph) && text.Length <= 250;
        return PhotoStart().IsMatch(text) || (PersonStart().IsMatch(text) && CaptionVerb().IsMatch(text));
    }

    [GeneratedRegex(@"^(?:Trả lời|Bình luận(?:\s*\(\d+\))?|Gửi bình luận|Viết bình luận|Ý kiến (?:của )?bạn(?: đọc)?|Họ (?:và )?tên|E-?mail|Nội dung bình luận|Gửi"
        + @"|Chia sẻ(?: bài viết)?(?:\s*:.*)?|Facebook|Zalo|Twitter|In bài(?: viết)?|In trang|Bản in|Gửi email|Xem thêm|Quay lại|(?:Về|Lên) đầu trang"
        + @"|Lượt xem\s*:.*|Đánh giá(?: bài viết)?\s*:.*|Từ khóa\s*:.*|Tags?\s*:.*|Phát|Tạm dừng|Tắt tiếng|Bật tiếng|Toàn màn hình|Video\s*:.*"
        + @"|/?\s*\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?)$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Widget();

    [GeneratedRegex(@"^(?:Tin liên quan|Bài viết liên quan|Tin cùng chuyên mục|Các tin khác|Tin khác|Bài viết khác|Tin mới nhất)\s*:?$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Related();

    [GeneratedRegex(@"^(?:Tin|Bài|Ảnh|Tin và ảnh|Bài và ảnh|Tin, ảnh|Bài, ảnh|Tin - ảnh|Nguồn|Theo|Tác giả)\s*:\s*\S.{0,60}$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex Author();

    // "NGỌC HÂN", "MINH THƯ - HOÀNG LONG": a byline in capitals, not a signature title such as "BÍ THƯ".
    [GeneratedRegex(@"^(?!(?:PHÓ\s+)?BÍ THƯ$|CHỦ TỊCH$|THÔNG BÁO$|TRƯỞNG BAN$|CHÁNH VĂN PHÒNG$)\p{Lu}+(?:[\s\-–,]+\p{Lu}+){0,5}$", Options)]
    private static partial Regex UpperCaseName();

    [GeneratedRegex(@"\(?\s*Ảnh\s*:[^)]*\)?\s*$", Options | RegexOptions.IgnoreCase)]
    private static partial Regex PhotoCredit();

    [GeneratedRegex(@"^(?:Ảnh|Quang cảnh|Toàn cảnh|Các đại biểu|Đại biểu|Lãnh đạo|Các đồng chí)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex PhotoStart();

    [GeneratedRegex(@"^(?:[Đđ]ồng chí|[Đđ]/c|Ban Thường vụ|Thường trực|Ban Tổ chức)\s", Options)]
    private static partial Regex PersonStart();

    [GeneratedRegex(@"\b(?:phát biểu|trao|tặng|chụp ảnh|trình bày|tham luận|tặng quà)\b", Options | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionVerb();
}
