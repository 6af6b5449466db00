using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyline.Engine.Views;

/// <summary>One JSON style for every machine-readable output: snake_case names, nulls kept (a missing date is an explicit null).</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => EscapeInvisible(JsonSerializer.Serialize(value, Options));

    private static readonly JsonSerializerOptions OneLine = new(Options) { WriteIndented = false };

    /// <summary>The same style on one line (an element of a long list printed one per line).</summary>
    public static string SerializeLine<T>(T value) => EscapeInvisible(JsonSerializer.Serialize(value, OneLine));

    /// <summary>
    /// The relaxed encoder keeps bidi controls (U+202E reverses what a terminal shows) and zero-width characters raw.
    /// They can only occur inside JSON strings, so writing them as \uXXXX escapes gives the same JSON values,
    /// safe to print or cat.
    /// </summary>
    private static string EscapeInvisible(string json)
    {
        if (json.AsSpan().IndexOfAny(Invisible) < 0) return json;
        var sb = new System.Text.StringBuilder(json.Length + 32);
        foreach (char c in json)
            if (Invisible.Contains(c)) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Invisible = System.Buffers.SearchValues.Create(
        "\u061C\u200B\u200E\u200F\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\uFEFF");
}
