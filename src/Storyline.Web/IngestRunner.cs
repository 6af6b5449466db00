using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Storyline.Core;
using Storyline.Engine;
using Storyline.Web.Api;

namespace Storyline.Web;

/// <summary>
/// Runs an upload through the Engine's <see cref="IngestService"/>, as <c>storyline ingest</c> does: each file is written
/// under a fresh folder of its own with a sanitised name (nothing a client sends can name a path), ingested, and the
/// folder removed. One upload at a time writes to the store.
/// </summary>
public sealed class IngestRunner(StorePool pool, Catalog catalog, WebOptions options)
{
    public const string PastedName = "pasted.txt";

    /// <summary>Upload limits and the form fields an upload uses.</summary>
    public const string FilesField = "files", TextField = "text", KeyField = "api_key";

    /// <summary>Reads a multipart upload (files and/or pasted text) within the upload limits.</summary>
    public async Task<(List<(string Name, byte[] Bytes)> Inputs, string? Error, int Status)> ReadUploadAsync(HttpContext ctx, CancellationToken ct)
    {
        try
        {
            var (inputs, error) = await ReadAsync(ctx, ct).ConfigureAwait(false);
            return (inputs, error, error is null ? 200 : 400);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], TooLarge, 413);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The multipart reader's own limits (body, value or file length exceeded).
            return ([], TooLarge, 413);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return ([], "the upload could not be read: " + ex.Message, 400);
        }
    }

    private string TooLarge => $"the upload is too large: at most {options.MaxUploadBytes / (1024.0 * 1024):0.##} MB in all";

    private async Task<(List<(string Name, byte[] Bytes)> Inputs, string? Error)> ReadAsync(HttpContext ctx, CancellationToken ct)
    {
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = options.MaxUploadBytes;
        if (!ctx.Request.HasFormContentType) return ([], "send multipart/form-data with 'files' and/or a 'text' field");
        var form = await ctx.Request.ReadFormAsync(ct).ConfigureAwait(false);
        var inputs = new List<(string, byte[])>();
        if (form.Files.Count > options.MaxUploadFiles) return ([], $"at most {options.MaxUploadFiles} files per upload");
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in form.Files)
        {
            if (f.Length == 0) continue;
            using var ms = new MemoryStream((int)Math.Min(f.Length, int.MaxValue));
            await f.CopyToAsync(ms, ct).ConfigureAwait(false);
            inputs.Add((Unique(Security.SafeFileName(f.FileName), used), ms.ToArray()));
        }
        if (form.TryGetValue(TextField, out var text) && !string.IsNullOrWhiteSpace(text.ToString()))
            inputs.Add((Unique(PastedName, used), System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        if (inputs.Count == 0) return ([], "nothing to ingest: choose a file or paste some text");
        return (inputs, null);
    }

    private static string Unique(string name, HashSet<string> used)
    {
        if (used.Add(name)) return name;
        var stem = Path.GetFileNameWithoutExtension(name);
        var ext = Path.GetExtension(name);
        for (int i = 2; ; i++)
        {
            var n = $"{stem}-{i}{ext}";
            if (used.Add(n)) return n;
        }
    }

    /// <summary>Ingests the inputs; returns the <c>ingest --json</c> answer with paths as the uploaded names.</summary>
    public async Task<IngestResponse> IngestAsync(IReadOnlyList<(string Name, byte[] Bytes)> inputs, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "storyline-uploads", Guid.NewGuid().ToString("N"));
        var dir = Directory.CreateDirectory(root).FullName + Path.DirectorySeparatorChar;
        try
        {
            var paths = new List<string>();
            foreach (var (name, bytes) in inputs)
            {
                var path = Path.GetFullPath(Path.Combine(dir, Security.SafeFileName(name)));
                // Belt and braces: the sanitised name can never leave the folder, and never overwrites.
                if (!path.StartsWith(dir, StringComparison.Ordinal)) throw new StorylineException(ErrorCode.SL5001, "bad file name");
                await using (var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    await fs.WriteAsync(bytes, ct).ConfigureAwait(false);
                paths.Add(path);
            }
            var sw = Stopwatch.StartNew();
            using var writer = await pool.RentWriterAsync(ct).ConfigureAwait(false);
            var outcomes = await Task.Run(() =>
            {
                var service = new IngestService(writer.Session.Store, DefaultPipeline.Default)
                {
                    Stories = writer.Session.Stories, MaxDegreeOfParallelism = options.IngestThreads,
                };
                return service.Ingest(paths, ct: ct);
            }, ct).ConfigureAwait(false);
            catalog.Invalidate();
            string Shown(string p) => p.Replace(dir, "", StringComparison.Ordinal);
            var items = outcomes.Select(o => new IngestItem(Shown(o.Path), o.Id, o.Status, o.Error is null ? null : Shown(o.Error), o.Code?.ToString())).ToList();
            return new IngestResponse(items,
                items.Count(i => i.Status == IngestOutcome.New), items.Count(i => i.Status == IngestOutcome.Duplicate),
                items.Count(i => i.Status == IngestOutcome.Failed), items.Count(i => i.Status == IngestOutcome.Skipped),
                Math.Round(sw.Elapsed.TotalSeconds, 3));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
