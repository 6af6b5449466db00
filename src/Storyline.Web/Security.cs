using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Storyline.Web;

/// <summary>The API key check, response security headers, and the file-name rule for uploads.</summary>
public static class Security
{
    public const string KeyHeader = "X-Api-Key";
    public const string KeyCookie = "storyline_key";

    /// <summary>
    /// Every page gets this policy: nothing loads from elsewhere, no inline script runs (the pages have none; a document's
    /// text could only ever inject some), styles come from our stylesheet, SVG is inline markup we write ourselves.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>The Scalar reference page loads its own bundled script and inline styles; only that page gets this policy.</summary>
    public const string ReferencePolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>A fresh random key (shown once at start when none is configured).</summary>
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The key a request carries: X-Api-Key, Authorization: Bearer, or the cookie the unlock form sets.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(KeyHeader, out var h) && h.Count > 0) return h[0];
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        return request.Cookies.TryGetValue(KeyCookie, out var c) ? c : null;
    }

    /// <summary>Constant-time comparison, so response times never tell how much of a guess was right.</summary>
    public static bool KeyMatches(string? given, string expected)
    {
        if (string.IsNullOrEmpty(given)) return false;
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>
    /// A safe file name for an uploaded file: the last path segment only (both separators), letters, digits, '.', '-',
    /// '_' kept and everything else '_', no leading dots (no "..", no hidden files), at most 100 characters; never empty.
    /// The result never names a folder and never leaves the folder it is joined to.
    /// </summary>
    public static string SafeFileName(string? name, string fallback = "upload")
    {
        var last = (name ?? "").Replace('\\', '/');
        int slash = last.LastIndexOf('/');
        if (slash >= 0) last = last[(slash + 1)..];
        var sb = new StringBuilder(Math.Min(last.Length, 100));
        foreach (var r in last.EnumerateRunes())
        {
            if (sb.Length >= 100) break;
            bool ok = r.IsAscii && (char.IsAsciiLetterOrDigit((char)r.Value) || r.Value is '.' or '-' or '_');
            sb.Append(ok ? (char)r.Value : '_');
        }
        var s = sb.ToString().TrimStart('.').TrimEnd('.');
        return s.Length == 0 || s.All(c => c == '_') ? fallback : s;
    }
}
