using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;
using Storyline.Core;
using Storyline.Web.Api;
using Storyline.Web.Pages;

namespace Storyline.Web;

/// <summary>
/// Builds the web application: the JSON API under /api, the pages, the OpenAPI document and its reference page.
/// <c>storyline serve</c>, the tests and the load bench all start it through <see cref="Build"/>.
/// </summary>
public static class StorylineWebApp
{
    public const string WritePolicy = "writes";
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Builds the application (not started). <paramref name="configure"/> can adjust the host (tests bind port 0).</summary>
    public static WebApplication Build(WebOptions options, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = typeof(StorylineWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Every body is small except an upload, which raises its own limit (up to MaxUploadBytes).
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
        });
        Configure(builder.Services, options);
        configure?.Invoke(builder);
        var app = builder.Build();
        UsePipeline(app, options);
        return app;
    }

    /// <summary>Builds and starts the server on <paramref name="urls"/>; returns it with its bound addresses in <see cref="WebApplication.Urls"/>.</summary>
    public static WebApplication Start(WebOptions options, IReadOnlyList<string> urls)
    {
        var app = Build(options, configure: b => b.WebHost.UseUrls([.. urls]));
        try { app.Start(); }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        return app;
    }

    /// <summary>Blocks until Ctrl-C or SIGTERM; requests in flight finish first.</summary>
    public static void WaitForShutdown(WebApplication app) => app.WaitForShutdown();

    public static void Configure(IServiceCollection services, WebOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<StorePool>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<IngestRunner>();
        services.AddSingleton<EntityCache>();
        services.AddRouting();
        services.ConfigureHttpJsonOptions(o => ApplyJson(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions.TryAdd("code", c.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => nameof(ErrorCode.SL4004),
                StatusCodes.Status413PayloadTooLarge => nameof(ErrorCode.SL5001),
                StatusCodes.Status429TooManyRequests => nameof(ErrorCode.SL5001),
                >= 500 => nameof(ErrorCode.SL0001),
                _ => nameof(ErrorCode.SL5001),
            });
        });
        services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxUploadBytes;
            f.ValueLengthLimit = (int)Math.Min(options.MaxUploadBytes, int.MaxValue);
            f.ValueCountLimit = 64;
            f.MultipartHeadersLengthLimit = 16 * 1024;
        });
        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Write(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "Too many write requests",
                    $"at most {options.WritesPerMinute} write requests a minute from one address; try again later", ErrorCode.SL5001).ConfigureAwait(false);
            };
            r.AddPolicy(WritePolicy, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.WritesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddOpenApi("v1", o =>
        {
            // Two records are named ClaimView (a document's claim, and a story roll-up's): schema ids must differ or one
            // overwrites the other, so types of the roll-up get a prefix.
            o.CreateSchemaReferenceId = info => Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info) is { } id
                && info.Type.Namespace == "Storyline.Timeline" ? "Timeline" + id : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Storyline API";
            doc.Info.Version = "v1";
            doc.Info.Description = "Documents, stories, search, entities, quotes and events of a Storyline store, in the same JSON " +
                "shapes as the CLI's --json. Errors are RFC 7807 problem details with a Storyline error code. Writes need the " +
                "API key (X-Api-Key header or Authorization: Bearer).";
            // The key as a security scheme, so the reference page can send it when trying the ingest endpoint.
            doc.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[ApiKeyScheme] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.ApiKey, In = Microsoft.OpenApi.ParameterLocation.Header, Name = Security.KeyHeader,
                Description = "The key 'storyline serve' printed at start (or --api-key / STORYLINE_API_KEY).",
            };
            if (doc.Paths.TryGetValue("/api/ingest", out var ingest) && ingest.Operations is { } ops)
                foreach (var op in ops.Values)
                    op.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(ApiKeyScheme, doc)] = [] }];
            return Task.CompletedTask;
        });
        });
    }

    /// <summary>The CLI's JSON style (snake_case names, nulls kept, enums as snake_case strings).</summary>
    public static void ApplyJson(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DictionaryKeyPolicy = null;
        o.WriteIndented = false;
        o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // as the CLI; served as application/json with nosniff
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    /// <summary>
    /// The request pipeline and endpoints, on any application builder (a WebApplication, or a test host's
    /// Configure): problems for errors, security headers, the key check for private reads, routing, rate limits.
    /// </summary>
    public static void UsePipeline(IApplicationBuilder app, WebOptions options)
    {
        // Open the store now: a missing one fails at start (SL4005), not on the first request; then read the lists in the background.
        app.ApplicationServices.GetRequiredService<StorePool>();
        var catalog = app.ApplicationServices.GetRequiredService<Catalog>();
        _ = Task.Run(async () => { try { await catalog.GetAsync().ConfigureAwait(false); } catch (Exception) { /* the first request reports it */ } });
        app.UseExceptionHandler(e => e.Run(async ctx =>
        {
            var ex = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, code, title) = ex switch
            {
                StorylineException s when s.Code is ErrorCode.SL4005 or ErrorCode.SL4004 => (404, s.Code, "Not found"),
                StorylineException s when s.Code is ErrorCode.SL4001 => (503, s.Code, "Database unavailable"),
                StorylineException s => (500, s.Code, "Internal error"),
                BadHttpRequestException b => (b.StatusCode, ErrorCode.SL5001, "Bad request"),
                Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException => (503, ErrorCode.SL4001, "Database error"),
                _ => (500, ErrorCode.SL0001, "Internal error"),
            };
            // Internal messages can carry paths; only Storyline's own messages (written for users) are shown.
            string detail = ex is StorylineException se ? se.Message : ex is BadHttpRequestException br ? br.Message : "an unexpected error; the server log has details";
            if (Environment.GetEnvironmentVariable("STORYLINE_DEBUG") is { Length: > 0 }) Console.Error.WriteLine(ex);
            await Problems.Write(ctx, status, title, detail, code).ConfigureAwait(false);
        }));
        app.UseStatusCodePages(async sc =>
        {
            var ctx = sc.HttpContext;
            if (ctx.Response.HasStarted || ctx.Response.ContentLength > 0) return;
            if (PageEndpoints.WantsHtml(ctx.Request))
                await PageEndpoints.WriteStatusPage(ctx).ConfigureAwait(false);
            else
                await Problems.Write(ctx, ctx.Response.StatusCode, ReasonPhrase(ctx.Response.StatusCode), null, null).ConfigureAwait(false);
        });
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            bool reference = ctx.Request.Path.StartsWithSegments("/reference");
            h.ContentSecurityPolicy = reference ? Security.ReferencePolicy : Security.ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            h.XFrameOptions = "DENY";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            if (options.ReadsRequireKey && !IsPublic(ctx.Request.Path) && !Security.KeyMatches(Security.KeyOf(ctx.Request), options.ApiKey))
            {
                if (PageEndpoints.WantsHtml(ctx.Request)) { ctx.Response.Redirect("/unlock?next=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString)); return; }
                await Problems.Write(ctx, 401, "API key required", $"this server requires the API key for reads too: send it as {Security.KeyHeader}", ErrorCode.SL5001).ConfigureAwait(false);
                return;
            }
            await next(ctx).ConfigureAwait(false);
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseEndpoints(e =>
        {
            e.MapOpenApi("/openapi/{documentName}.json");
            e.MapScalarApiReference("/reference", o => o.WithTitle("Storyline API reference").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
            ApiEndpoints.Map(e);
            PageEndpoints.Map(e);
        });
    }

    private static bool IsPublic(PathString path) =>
        path.StartsWithSegments("/static") || path.StartsWithSegments("/unlock") || path.StartsWithSegments("/healthz");

    public static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } r ? r : "Error";
}

/// <summary>RFC 7807 problem details with the Storyline error code as an extension member.</summary>
public static class Problems
{
    public static IResult Result(int status, string title, string? detail, ErrorCode code) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code.ToString() });

    public static Task Write(HttpContext ctx, int status, string title, string? detail, ErrorCode? code)
    {
        ctx.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status, Title = title, Detail = detail, Instance = ctx.Request.Path,
            Type = $"https://tools.ietf.org/html/rfc9110#section-15",
        };
        if (code is { } c) problem.Extensions["code"] = c.ToString();
        var writer = ctx.RequestServices.GetService<IProblemDetailsService>();
        if (writer is not null)
            return writer.WriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = problem }).AsTask();
        return ctx.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json");
    }
}
