using System.Globalization;
using AspNetFtp.Admin.AuditLog;
using AspNetFtp.Identity.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace AspNetFtp.Admin.Areas.FtpAdmin.Pages;

/// <summary>
/// The audit log (<see cref="IFtpAuditLog.QueryAsync"/>): every row, newest first, 50 a page, filtered by user, kind,
/// address and a UTC time range. The filters are the query string (<c>?user=&amp;kind=&amp;address=&amp;from=&amp;to=&amp;p=</c>),
/// so a filtered page can be linked; a value that cannot be read is named next to its field and nothing is queried.
/// </summary>
internal sealed class AuditModel(IFtpAuditLog audit) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The page number's query name (<c>page</c> is Razor Pages' own route value).</summary>
    public const string PageKey = "p";
    public const string TimeMessage = "Enter a UTC time such as " + AuditFilterText.TimeExample + " (or a date alone).";
    public const string RangeMessage = "The end must be after the start.";
    public const string AddressMessage = "Enter an IP address such as 127.0.0.1 or 2001:db8::1.";
    public const int MaxPage = 1_000_000;
    public const string PageMessage = "The page must be a whole number from 1 to 1000000.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? KindFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "address")]
    public string? AddressFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? FromFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? ToFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = PageKey)]
    public string? PageFilter { get; set; }

    /// <summary>What is wrong with a filter, by its query name (<c>from</c>, <c>page</c>, ...).</summary>
    public Dictionary<string, string> Problems { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Kinds { get; private set; } = [];

    /// <summary>The page of rows; null when a filter could not be read.</summary>
    public FtpAuditPage? Result { get; private set; }

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    public bool Filtered => Filters().Count > 0;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Kinds = AuditRows.Kinds(await audit.KindsAsync(cancellationToken), Blank(KindFilter));
        FtpAuditQuery? query = Read();
        if (query is null)
        {
            return;
        }

        Result = await audit.QueryAsync(query, cancellationToken);
        Rows = [.. Result.Entries.Select(AuditRows.From)];
        if (Result.Page > Result.PageCount)
        {
            Problems["page"] = string.Create(CultureInfo.InvariantCulture,
                $"There is no page {Result.Page}: these filters give {Result.PageCount} {(Result.PageCount == 1 ? "page" : "pages")}.");
        }
    }

    /// <summary>The link to page <paramref name="page"/> with the same filters.</summary>
    public string? PageUrl(int page)
    {
        var values = new RouteValueDictionary { ["area"] = FtpAdminArea.Name };
        foreach (KeyValuePair<string, string> filter in Filters())
        {
            values[filter.Key] = filter.Value;
        }

        values[PageKey] = page.ToString(CultureInfo.InvariantCulture);
        return Url.Page("/Audit", values);
    }

    /// <summary>The filters given, as the query string names them.</summary>
    private Dictionary<string, string> Filters()
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string? value) in (ReadOnlySpan<(string, string?)>)[
            ("user", UserFilter), ("kind", KindFilter), ("address", AddressFilter), ("from", FromFilter), ("to", ToFilter)])
        {
            if (Blank(value) is { } given)
            {
                filters[name] = given;
            }
        }

        return filters;
    }

    /// <summary>The query the filters ask for, or null (with <see cref="Problems"/> filled) when one cannot be read.</summary>
    private FtpAuditQuery? Read()
    {
        DateTimeOffset? from = null, to = null;
        string? address = null;
        int page = 1;
        if (Blank(FromFilter) is { } fromText)
        {
            if (AuditFilterText.TryParseTime(fromText, out DateTimeOffset parsed))
            {
                from = parsed;
            }
            else
            {
                Problems["from"] = TimeMessage;
            }
        }

        if (Blank(ToFilter) is { } toText)
        {
            if (AuditFilterText.TryParseTime(toText, out DateTimeOffset parsed))
            {
                to = parsed;
            }
            else
            {
                Problems["to"] = TimeMessage;
            }
        }

        if (from is { } start && to is { } end && end <= start)
        {
            Problems["to"] = RangeMessage;
        }

        if (Blank(AddressFilter) is { } addressText)
        {
            if (AuditFilterText.TryParseAddress(addressText, out string parsed))
            {
                address = parsed;
            }
            else
            {
                Problems["address"] = AddressMessage;
            }
        }

        if (Blank(PageFilter) is { } pageText
            && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > MaxPage))
        {
            Problems["page"] = PageMessage;
        }

        if (Problems.Count > 0)
        {
            return null;
        }

        return new FtpAuditQuery
        {
            UserName = Blank(UserFilter),
            Kind = Blank(KindFilter),
            RemoteAddress = address,
            From = from,
            To = to,
            Page = page,
            PageSize = PageSize,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
