using Storyline.Engine.Views;

namespace Storyline.Web.Api;

/// <summary><c>quotes --json</c> ({total, items}) with paging fields beside it.</summary>
public sealed record QuotePage(long Total, int Offset, int Limit, IReadOnlyList<StoredQuoteView> Items);

/// <summary><c>events --json</c> ({total, items}) with paging fields beside it.</summary>
public sealed record EventPage(long Total, int Offset, int Limit, IReadOnlyList<StoredEventView> Items);
