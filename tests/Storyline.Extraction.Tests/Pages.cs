namespace Storyline.Extraction.Tests;

/// <summary>Hand-written test pages: an invented article, wrapped in whatever boilerplate a test needs.</summary>
internal static class Pages
{
    public const string Title = "Harbour town votes to rebuild its wooden lighthouse";

    public static readonly string[] Paragraphs =
    [
        "The council of Nettlecombe voted on Tuesday evening to rebuild the wooden lighthouse that storms destroyed two winters ago, ending a debate that had split the harbour town for months.",
        "Supporters argued that the tower was part of the town's identity and would draw visitors back to the quay, while opponents said the money should go to the flood barrier instead.",
        "The new tower will use larch from the valley above the town, and the carpenters who restored the old fish market have offered to train apprentices on the project.",
        "Work is expected to begin in the spring, once the foundations have been surveyed and the harbour master has agreed on a schedule that keeps the fishing boats moving.",
    ];

    public static string Body => string.Join("\n", Paragraphs.Select(p => $"<p>{p}</p>"));

    /// <summary>A full page: head with title, then <paramref name="before"/>, the article, <paramref name="after"/>.</summary>
    public static string Page(string before = "", string after = "", string? articleBody = null) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{Title} | The Nettlecombe Gazette</title></head>
        <body>
        {before}
        <div class="layout">
          <article>
            <h1>{Title}</h1>
            <div class="article-body">
        {articleBody ?? Body}
            </div>
          </article>
        </div>
        {after}
        </body></html>
        """;

    public static string[] Split(string text) => text.Split("\n\n");
}
