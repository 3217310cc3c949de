using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DoanPlatform.Host.Tests.Cli;
using Xunit.Abstractions;

namespace DoanPlatform.Host.Tests.Http;

/// <summary>
/// Walks every operation of the real host's OpenAPI document with a corpus of bad input, as the demo province's office staff:
/// no request may answer 5xx, and no refused request may write an event.
/// </summary>
[Collection(nameof(ConsoleCapture))]
public sealed class BadInputCorpusTests(DemoDatabase database, ITestOutputHelper output) : IClassFixture<DemoDatabase>
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task No_bad_input_to_any_operation_answers_5xx_or_writes_an_event()
    {
        Assert.True(database.Demo.Code == 0, database.Demo.Error);
        using var client = await database.SignInAsync("demo.vanphong");
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var ids = await IdsAsync();
        var corpus = new Corpus(document, ids);

        var eventsBefore = await EventCountAsync();
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var writtenByRefused = new List<string>();
        var (sent, operations, serverErrors, successes) = (0, 0, 0, 0);
        foreach (var (method, path, operation) in corpus.Operations())
        {
            operations++;
            foreach (var request in corpus.RequestsFor(method, path, operation))
            {
                Assert.True(clock.Elapsed < Budget, $"The corpus ran out of time after {sent} requests.");
                var isWrite = method != "GET";
                var before = isWrite ? await EventCountAsync() : 0;
                using var message = request.Build();
                using var response = await client.SendAsync(message);
                sent++;
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    serverErrors++;
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{status} {method} {request.Url} [{request.Label}] {body[..Math.Min(body.Length, 300)]}");
                }
                if (status < 400)
                    successes++;
                if (isWrite && await EventCountAsync() is var after && after != before)
                    writtenByRefused.Add($"{status} {method} {request.Url} [{request.Label}]: {after - before} events");
            }
        }
        var eventsAfter = await EventCountAsync();

        output.WriteLine($"{sent} requests over {operations} operations in {clock.Elapsed.TotalSeconds:0.0} s: {serverErrors} answered 5xx, " +
                         $"{successes} succeeded, {eventsAfter - eventsBefore} events written ({writtenByRefused.Count} requests wrote).");
        foreach (var line in failures.Concat(writtenByRefused))
            output.WriteLine(line);
        Assert.Equal(corpus.OperationCount, operations);
        Assert.True(operations >= 80, $"only {operations} operations in the OpenAPI document");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        Assert.True(writtenByRefused.Count == 0, string.Join('\n', writtenByRefused.Take(40)));
        Assert.Equal(eventsBefore, eventsAfter);
    }

    private async Task<long> EventCountAsync()
    {
        await using var command = database.Store.DataSource.CreateCommand("select count(*) from doan_events.events");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One stream id of each kind the demo wrote, so a path's id reaches the record and the body is really read.</summary>
    private async Task<Dictionary<string, Guid>> IdsAsync()
    {
        var ids = new Dictionary<string, Guid>();
        await using var command = database.Store.DataSource.CreateCommand(
            "select distinct on (type) type, id from doan_events.streams order by type, version desc");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids[reader.GetString(0)] = reader.GetGuid(1);
        return ids;
    }

    private sealed record BadRequest(string Method, string Url, string Label, Func<HttpContent?> Content)
    {
        public HttpRequestMessage Build() => new(new HttpMethod(Method), new Uri(Url, UriKind.Relative)) { Content = Content() };
    }

    /// <summary>The bad-input corpus, derived from the OpenAPI document: each request changes one thing of a plausible request.</summary>
    private sealed class Corpus(JsonNode document, IReadOnlyDictionary<string, Guid> ids)
    {
        private static readonly string Long = new('x', 10_240);
        // A lone surrogate is sent as the JSON escape \ud800 (the placeholder is swapped in the raw text), as invalid UTF-8 in a query.
        private const string LoneSurrogate = "\ud800";
        private static readonly string[] BadStrings = ["a\u0000b", "\u0001\u001f", Long, LoneSurrogate];
        private static readonly string[] BadIds = ["not-a-guid", "00000000-0000-0000-0000-000000000000", "0199a000-0000-7000-8000-000000000000", "\u0000"];
        private static readonly string[] BadDates = ["0001-01-01", "9999-12-31", "2024-02-30", "31/12/2024", "\u0000"];
        private static readonly string[] BadYears = ["0", "-5", "10000", "2147483648", "x"];
        private static readonly JsonNode?[] BadNumbers = [2147483648L * 1000, -1, int.MaxValue, -2147483648L * 1000, 1e308, "1"];
        private static readonly byte[] JunkZip = [.. "PK\u0003\u0004junk"u8];

        private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? [];

        public int OperationCount => Operations().Count();

        public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
            from path in document["paths"]!.AsObject()
            from op in path.Value!.AsObject()
            where op.Key is "get" or "post" or "put" or "delete" or "patch"
            select (op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject());

        public IEnumerable<BadRequest> RequestsFor(string method, string path, JsonObject operation)
        {
            var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => p!.AsObject()).ToList();
            var query = parameters.Where(p => (string?)p["in"] == "query").ToDictionary(p => (string)p["name"]!, p => Sample(p["schema"], (string)p["name"]!));
            var pathValues = parameters.Where(p => (string?)p["in"] == "path").ToDictionary(p => (string)p["name"]!, p => PathSample(path, (string)p["name"]!, p["schema"]));
            string Url(IReadOnlyDictionary<string, string> pathArgs, IReadOnlyDictionary<string, JsonNode?> queryArgs)
            {
                var url = pathArgs.Aggregate(path, (u, kv) => u.Replace($"{{{kv.Key}}}", Escape(kv.Value), StringComparison.Ordinal));
                var q = string.Join('&', queryArgs.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={Escape(Scalar(kv.Value))}"));
                return q.Length > 0 ? $"{url}?{q}" : url;
            }

            var body = operation["requestBody"]?["content"]?.AsObject();
            var json = body?["application/json"]?["schema"];
            var form = body?["multipart/form-data"]?["schema"] ?? body?["application/x-www-form-urlencoded"]?["schema"];
            var goodBody = json is null ? null : Sample(json, "");
            HttpContent? Good() => goodBody is null ? FormContent(form, null, null) : Json(goodBody.ToJsonString());
            var url = Url(pathValues, query);

            // Query parameters: control characters, huge text, bad ids, bad years, enum integers.
            foreach (var (name, _) in query)
            {
                var schema = Resolve(parameters.First(p => (string?)p["name"] == name)["schema"]);
                foreach (var bad in BadScalars(name, schema))
                    yield return new(method, Url(pathValues, new Dictionary<string, JsonNode?>(query) { [name] = bad }), $"query {name}={Shorten(bad)}", Good);
            }
            // Path parameters: bad ids and years (a NUL in the path Kestrel itself refuses, and the test server cannot carry).
            foreach (var (name, _) in pathValues)
            {
                var values = name.Contains("year", StringComparison.OrdinalIgnoreCase) ? BadYears : [.. BadIds.Where(b => !b.Contains('\u0000', StringComparison.Ordinal)), Long];
                foreach (var bad in values)
                    yield return new(method, Url(new Dictionary<string, string>(pathValues) { [name] = bad }, query), $"path {name}={Shorten(bad)}", Good);
            }
            if (json is not null)
            {
                foreach (var (label, raw) in RawBodies())
                    yield return new(method, url, label, () => Json(raw));
                yield return new(method, url, "text/plain body", () => new StringContent(goodBody!.ToJsonString(), Encoding.UTF8, "text/plain"));
                yield return new(method, url, "no body", () => null);
                foreach (var (label, mutated) in Mutations(json, goodBody!, "", 0))
                    yield return new(method, url, label, () => Json(mutated.ToJsonString()));
            }
            if (form is not null)
            {
                foreach (var (label, file, fileName) in BadFiles())
                    yield return new(method, url, label, () => FormContent(form, file, fileName));
                foreach (var field in Resolve(form)?["properties"]?.AsObject().Where(p => !IsFile(p.Value)).Select(p => p.Key) ?? [])
                    foreach (var bad in BadStrings)
                        yield return new(method, url, $"form {field}={Shorten(bad)}", () => FormContent(form, null, null, (field, bad)));
                yield return new(method, url, "text/plain to a form", () => new StringContent("file=x", Encoding.UTF8, "text/plain"));
            }
            if (json is null && form is null && method != "GET")
            {
                // Imports read the raw body: every bad file goes there too.
                yield return new(method, url, "unexpected JSON body", () => Json("{\"x\":\"\\u0000\"}"));
                foreach (var (label, file, _) in BadFiles())
                    yield return new(method, url, $"raw {label}", () => new ByteArrayContent(file));
                yield return new(method, url, "CSV with a NUL cell", () => new ByteArrayContent(Encoding.UTF8.GetBytes(
                    "code,name,parent code,level,sector\nBRVT.X\u0000,Tên,BRVT,Grassroots,None\n")));
                yield return new(method, url, "CSV with a 3 MB code", () => new ByteArrayContent(Encoding.UTF8.GetBytes(
                    $"code,name,parent code,level,sector\n{new string('X', 3_000_000)},Tên,BRVT,Grassroots,None\n")));
            }
        }

        private static IEnumerable<(string, string)> RawBodies() =>
        [
            ("malformed JSON", "{\"title\":"), ("array instead of object", "[]"), ("string instead of object", "\"x\""),
            ("number instead of object", "42"), ("null body", "null"), ("unknown fields only", "{\"zzz\":1}"),
            ("invalid escape", "{\"title\":\"\\uZZZZ\"}"), ("deep nesting", new string('[', 200) + new string(']', 200)),
        ];

        private static IEnumerable<(string Label, byte[] File, string FileName)> BadFiles()
        {
            yield return ("corrupt zip", JunkZip, "tep.xlsx");
            yield return ("empty file", [], "tep.xlsx");
            yield return ("text as docx", "không phải tài liệu"u8.ToArray(), "tep.docx");
            yield return ("zip without a workbook part", EmptyZip(), "tep.xlsx");
            yield return ("executable named pdf", [.. "%PDF-1.7\nMZ\u0090\u0000"u8], "tep.pdf");
            yield return ("NUL in the file name", JunkZip, "te\u0000p.xlsx");
            yield return ("backslash traversal", [.. "%PDF-1.7\n"u8], "..\\..\\x.pdf");
        }

        private static byte[] EmptyZip()
        {
            using var stream = new MemoryStream();
            using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            {
                using var entry = zip.CreateEntry("[Content_Types].xml").Open();
                entry.Write("<Types/>"u8);
            }
            return stream.ToArray();
        }

        private MultipartFormDataContent FormContent(JsonNode? form, byte[]? file, string? fileName, (string Field, string Value)? field = null)
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, schema) in Resolve(form)?["properties"]?.AsObject() ?? [])
            {
                if (IsFile(schema))
                {
                    var bytes = new ByteArrayContent(file ?? JunkZip);
                    bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    content.Add(bytes, name, "tep.xlsx");
                    if (fileName is not null)
                        bytes.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"", FileName = $"\"{fileName}\"" };
                }
                else
                    content.Add(new StringContent(field?.Field == name ? field.Value.Value : Scalar(Sample(schema, name))), name);
            }
            return content;
        }

        private static bool IsFile(JsonNode? schema) => (string?)schema?["format"] == "binary" || schema?["$ref"]?.ToString().EndsWith("IFormFile", StringComparison.Ordinal) == true;

        private IEnumerable<string?> BadScalars(string name, JsonNode? schema)
        {
            if (name.Contains("year", StringComparison.OrdinalIgnoreCase))
                return BadYears;
            return Kind(schema) switch
            {
                "uuid" => BadIds,
                "date" => BadDates,
                "integer" or "number" => ["99999999999999999999", "-1", "1e400", "\u0000"],
                "enum" => ["999", "-1", "Nope", "\u0000"],
                "boolean" => ["maybe", "\u0000"],
                _ => [.. BadStrings, "%"],
            };
        }

        private IEnumerable<(string Label, JsonNode Body)> Mutations(JsonNode? schema, JsonNode good, string path, int depth)
        {
            schema = Resolve(schema);
            if (depth > 2 || schema is null || good is not JsonObject goodObject)
                yield break;
            foreach (var (name, propertySchema) in schema["properties"]?.AsObject() ?? [])
            {
                var where = path.Length == 0 ? name : $"{path}.{name}";
                var resolved = Resolve(propertySchema);
                IEnumerable<(string, JsonNode?)> bad = Kind(resolved) switch
                {
                    "string" => BadStrings.Select(s => ($"{Shorten(s)}", (JsonNode?)s)),
                    "uuid" => BadIds.Select(s => (s, (JsonNode?)s)).Append(("number", 42)),
                    "date" => BadDates.Select(s => (s, (JsonNode?)s)),
                    "integer" or "number" => BadNumbers.Select(n => (Shorten(n?.ToJsonString()), n?.DeepClone())),
                    "enum" => [("integer", 999), ("integer 0", 0), ("integer as text", "1"), ("unknown name", "Nope"), ("NUL", "\u0000"), ("array", new JsonArray())],
                    "boolean" => [("string", "true"), ("number", 1)],
                    "array" => ArrayMutations(resolved!),
                    "object" => [("array", new JsonArray()), ("string", "x"), ("null", null)],
                    _ => [],
                };
                foreach (var (label, value) in bad)
                {
                    yield return ($"{where}: {label}", Replace(good, name, value));
                }
                if (Kind(resolved) == "object" && goodObject.TryGetPropertyValue(name, out var child) && child is not null)
                    foreach (var nested in Mutations(resolved, child, where, depth + 1))
                        yield return (nested.Label, Replace(good, name, nested.Body));
                if (Kind(resolved) == "array" && goodObject[name] is JsonArray { Count: > 0 } items && Resolve(resolved!["items"]) is { } itemSchema
                    && Kind(itemSchema) == "object")
                    foreach (var nested in Mutations(itemSchema, items[0]!, $"{where}[0]", depth + 1))
                        yield return (nested.Label, Replace(good, name, new JsonArray(nested.Body.DeepClone())));
            }
        }

        private IEnumerable<(string, JsonNode?)> ArrayMutations(JsonNode schema)
        {
            var item = Sample(schema["items"], "");
            yield return ("[null]", new JsonArray((JsonNode?)null));
            yield return ("null among items", new JsonArray(item?.DeepClone(), null));
            yield return ("5001 items", new JsonArray([.. Enumerable.Range(0, 5001).Select(i => Vary(item, i))]));
            yield return ("object instead of list", new JsonObject());
            yield return ("string instead of list", "x");
        }

        private static JsonNode? Vary(JsonNode? item, int i) => item switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) && Guid.TryParse(s, out _) => Guid.CreateVersion7().ToString(),
            JsonValue v when v.TryGetValue<string>(out var s) => $"{s} {i}",
            _ => item?.DeepClone(),
        };

        private static JsonNode Replace(JsonNode good, string name, JsonNode? value)
        {
            var body = good.DeepClone().AsObject();
            body[name] = value?.DeepClone();
            return body;
        }

        private JsonNode? Resolve(JsonNode? schema)
        {
            for (var i = 0; i < 10 && schema?["$ref"] is { } reference; i++)
                schema = _schemas[reference.ToString().Split('/')[^1]];
            if ((schema?["oneOf"] ?? schema?["anyOf"]) is JsonArray choices)
                return Resolve(choices.FirstOrDefault(c => (string?)c?["type"] != "null"));
            return schema;
        }

        private string Kind(JsonNode? schema)
        {
            schema = Resolve(schema);
            if (schema is null)
                return "unknown";
            if (schema["enum"] is not null)
                return "enum";
            var type = schema["type"] switch
            {
                JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
                { } t => (string?)t,
                null => schema["properties"] is not null ? "object" : null,
            };
            return (type, (string?)schema["format"]) switch
            {
                ("string", "uuid") => "uuid",
                ("string", "date") => "date",
                ("string", _) => "string",
                (null, _) => "unknown",
                var (t, _) => t!,
            };
        }

        private JsonNode? Sample(JsonNode? schema, string name, int depth = 0)
        {
            schema = Resolve(schema);
            if (name.Contains("year", StringComparison.OrdinalIgnoreCase) && Kind(schema) is "integer")
                return 2024;
            switch (Kind(schema))
            {
                case "enum": return schema!["enum"]!.AsArray().First(e => e is not null)!.DeepClone();
                case "uuid": return IdFor(name).ToString();
                case "date": return "2024-05-15";
                case "string": return name.Contains("code", StringComparison.OrdinalIgnoreCase) ? "BRVT" : "Kiểm tra";
                case "integer": return name.Contains("version", StringComparison.OrdinalIgnoreCase) ? 1 : 2;
                case "number": return 1.5;
                case "boolean": return false;
                case "array":
                    return depth > 3 ? new JsonArray() : new JsonArray(Sample(schema!["items"], Singular(name), depth + 1));
                case "object":
                    if (depth > 3)
                        return new JsonObject();
                    var result = new JsonObject();
                    foreach (var (property, propertySchema) in schema!["properties"]?.AsObject() ?? [])
                        result[property] = Sample(propertySchema, property, depth + 1);
                    return result;
                default: return null;
            }
        }

        private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

        private Guid IdFor(string name)
        {
            var n = name.ToLowerInvariant();
            string? type = n switch
            {
                _ when n.Contains("meeting", StringComparison.Ordinal) => "Meeting",
                _ when n.Contains("plan", StringComparison.Ordinal) => "InspectionPlan",
                _ when n.Contains("scale", StringComparison.Ordinal) => "Scale",
                _ when n.Contains("cluster", StringComparison.Ordinal) => "EmulationCluster",
                _ when n.Contains("account", StringComparison.Ordinal) || n.Contains("member", StringComparison.Ordinal) => "Account",
                _ when n.Contains("task", StringComparison.Ordinal) => "MeetingTask",
                _ when n.Contains("official", StringComparison.Ordinal) => "Appointment",
                _ => "Unit",
            };
            return ids.TryGetValue(type, out var id) ? id : Guid.CreateVersion7();
        }

        private string PathSample(string path, string name, JsonNode? schema)
        {
            if (Kind(schema) == "integer")
                return "2024";
            if (name == "code")
                return "BRVT";
            var segment = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var before = Array.IndexOf(segment, $"{{{name}}}") is var at && at > 0 ? segment[at - 1] : "";
            return IdFor(name == "id" ? before : name).ToString();
        }

        private static string Scalar(JsonNode? value) => value switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => value.ToJsonString(),
        };

        private static string Shorten(string? value) =>
            value is null ? "null" : value.Length > 24 ? $"{value.Length} chars" : Regex.Escape(value);

        /// <summary>Percent-encodes a value; a lone surrogate becomes the invalid UTF-8 bytes a careless client would send.</summary>
        private static string Escape(string value) =>
            value.Any(char.IsSurrogate) ? string.Concat(value.Select(c => char.IsSurrogate(c) ? "%ED%A0%80" : Uri.EscapeDataString(c.ToString()))) : Uri.EscapeDataString(value);

        private static StringContent Json(string raw) => new(raw.Replace("\\uD800", "\\ud800", StringComparison.Ordinal).Replace("\\uFFFD", "\\ud800", StringComparison.Ordinal),
            Encoding.UTF8, "application/json");
    }
}
