using System.Text;

namespace DoanPlatform.Testing;

/// <summary>Small well-formed files for upload tests: the platform refuses what is not a whole document of its type.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with <paramref name="comment"/> in its header comment: objects, xref table, trailer, startxref and %%EOF.</summary>
    public static byte[] Pdf(string comment)
    {
        var body = new StringBuilder($"%PDF-1.7\n% {comment}\n");
        var offsets = new List<int>();
        foreach (var obj in new[] { "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>" })
        {
            offsets.Add(Encoding.UTF8.GetByteCount(body.ToString()));
            body.Append($"{offsets.Count} 0 obj\n{obj}\nendobj\n");
        }
        var xref = Encoding.UTF8.GetByteCount(body.ToString());
        body.Append($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            body.Append($"{offset:D10} 00000 n \n");
        body.Append($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }
}
