using System.Net;
using System.Text.Json;
using Xunit;

namespace Storyline.Web.Tests.Api;

/// <summary>
/// The OpenAPI document against real answers: every GET operation is called (path ids filled from the fixture) and each
/// response checked against the schema the document declares for its status: types, declared properties, array items.
/// </summary>
public sealed class OpenApiContractTests(StoreFixture fx) : IDisposable
{
    private StorylineFactory Factory => fx.Shared;
    public void Dispose() { }

    [Fact]
    public async Task EveryGetOperation_AnswersWhatTheDocumentDeclares()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Factory.CreateClient();
        var spec = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", ct)).RootElement;
        var docId = JsonDocument.Parse(await client.GetStringAsync("/api/documents?limit=2", ct)).RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToList();
        var storyId = JsonDocument.Parse(await client.GetStringAsync("/api/stories?limit=1", ct)).RootElement.GetProperty("stories")[0].GetProperty("id").GetInt64();
        var checkedPaths = new List<string>();
        foreach (var path in spec.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var op)) continue;
            var url = path.Name.Replace("{other}", docId[1].ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{id}", (path.Name.StartsWith("/api/stories", StringComparison.Ordinal) ? storyId : docId[0]).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (path.Name == "/api/search") url += "?q=bridge";
            foreach (var (u, status) in new[] { (url, 200), (path.Name.Contains('{') ? url.Replace(docId[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "abc", StringComparison.Ordinal).Replace(storyId.ToString(System.Globalization.CultureInfo.InvariantCulture), "abc", StringComparison.Ordinal) : null, 400) })
            {
                if (u is null || (status == 400 && !op.GetProperty("responses").TryGetProperty("400", out _))) continue;
                using var res = await client.GetAsync(u, ct);
                Assert.True((int)res.StatusCode == status, $"{u}: {(int)res.StatusCode}");
                var declared = op.GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var content = declared.GetProperty("content").EnumerateObject().First();
                Assert.Equal(content.Name, res.Content.Headers.ContentType?.MediaType);
                var body = JsonDocument.Parse(await res.Content.ReadAsStringAsync(ct)).RootElement;
                var errors = new List<string>();
                Check(spec, content.Value.GetProperty("schema"), body, u, errors, 0);
                Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
                checkedPaths.Add(u);
            }
        }
        Assert.Contains(checkedPaths, p => p.StartsWith("/api/stories/", StringComparison.Ordinal));
        Assert.Contains(checkedPaths, p => p.StartsWith("/api/documents/", StringComparison.Ordinal));
        Assert.True(checkedPaths.Count >= 10, string.Join(", ", checkedPaths));
    }

    [Fact]
    public async Task Checker_CatchesAnUndeclaredProperty()
    {
        // The checker itself must be able to fail.
        var spec = JsonDocument.Parse("""{"components":{"schemas":{"A":{"type":"object","properties":{"x":{"type":"integer"}}}}}}""").RootElement;
        var schema = JsonDocument.Parse("""{"$ref":"#/components/schemas/A"}""").RootElement;
        var errors = new List<string>();
        Check(spec, schema, JsonDocument.Parse("""{"x":1,"y":2}""").RootElement, "t", errors, 0);
        Assert.Single(errors);
        errors.Clear();
        Check(spec, schema, JsonDocument.Parse("""{"x":"one"}""").RootElement, "t", errors, 0);
        Assert.Single(errors);
        await Task.CompletedTask;
    }

    private static JsonElement Resolve(JsonElement spec, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var r))
        {
            var node = spec;
            foreach (var part in r.GetString()!.TrimStart('#', '/').Split('/')) node = node.GetProperty(part);
            schema = node;
        }
        return schema;
    }

    /// <summary>Checks a JSON value against a schema (the subset ASP.NET's generator emits: $ref, type (string or array), properties, items, additionalProperties, oneOf/anyOf).</summary>
    internal static void Check(JsonElement spec, JsonElement schema, JsonElement value, string at, List<string> errors, int depth)
    {
        if (depth > 30) return;
        schema = Resolve(spec, schema);
        foreach (var combo in new[] { "oneOf", "anyOf" })
            if (schema.TryGetProperty(combo, out var alts))
            {
                var sub = new List<string>();
                foreach (var alt in alts.EnumerateArray())
                {
                    var e = new List<string>();
                    Check(spec, alt, value, at, e, depth + 1);
                    if (e.Count == 0) return;
                    sub.AddRange(e);
                }
                errors.Add($"{at}: matches no {combo} alternative ({string.Join("; ", sub.Take(3))})");
                return;
            }
        var types = new HashSet<string>();
        if (schema.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String) types.Add(t.GetString()!);
            else foreach (var x in t.EnumerateArray()) types.Add(x.GetString()!);
        }
        if (schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True) types.Add("null");
        string actual = value.ValueKind switch
        {
            JsonValueKind.Object => "object", JsonValueKind.Array => "array", JsonValueKind.String => "string",
            JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number", JsonValueKind.True or JsonValueKind.False => "boolean", _ => "null",
        };
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            // The generator may describe numbers as strings-or-numbers with a pattern; accept a number where "string" with a numeric pattern is declared.
            if (!(actual is "integer" or "number" && types.Contains("string") && schema.TryGetProperty("pattern", out _)))
                errors.Add($"{at}: {actual} where the document declares {string.Join("|", types)}");
            return;
        }
        if (actual == "object" && schema.TryGetProperty("properties", out var props))
        {
            bool additional = schema.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind != JsonValueKind.False;
            foreach (var p in value.EnumerateObject())
            {
                if (props.TryGetProperty(p.Name, out var ps)) Check(spec, ps, p.Value, $"{at}.{p.Name}", errors, depth + 1);
                else if (!additional) errors.Add($"{at}: property '{p.Name}' is not in the document");
            }
            if (schema.TryGetProperty("required", out var req))
                foreach (var r in req.EnumerateArray())
                    if (!value.TryGetProperty(r.GetString()!, out _)) errors.Add($"{at}: required '{r.GetString()}' missing");
        }
        else if (actual == "object" && schema.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var p in value.EnumerateObject()) Check(spec, map, p.Value, $"{at}.{p.Name}", errors, depth + 1);
        if (actual == "array" && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var x in value.EnumerateArray().Take(50)) Check(spec, items, x, $"{at}[{i++}]", errors, depth + 1);
        }
    }
}
