using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>Writes Mode REST API answers: HAL JSON with <c>_links</c> and lists in <c>_embedded</c>, paged with
    /// <c>page</c> and <c>per_page</c>, and errors as <c>{"id", "message"}</c>.</summary>
    internal static class HalResponses
    {
        public const string HalMediaType = "application/hal+json; charset=utf-8";
        public const string JsonMediaType = "application/json; charset=utf-8";
        public const int DefaultPerPage = 30;
        public const int MaxPerPage = 100;

        private static readonly JsonWriterOptions WriterOptions = new()
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static async Task WriteAsync(HttpContext context, int status, JsonNode body, string mediaType = HalMediaType)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = mediaType;
            await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
            body.WriteTo(writer);
            await writer.FlushAsync(context.RequestAborted);
        }

        public static Task WriteErrorAsync(HttpContext context, int status, string id, string message)
        {
            return WriteAsync(context, status, new JsonObject { ["id"] = id, ["message"] = message }, JsonMediaType);
        }

        public static JsonObject Link(string href) => new() { ["href"] = href };

        /// <summary>One page of a list. <see cref="ApiPagingMode.RepeatLast"/> behaves as some of Mode's lists are
        /// reported to: a page past the end answers the last page again, and next_page never stops.
        /// <see cref="ApiPagingMode.Endless"/> is a list that never ends: a page past the end answers the last page's
        /// items under tokens and self links of that page, so a client cannot stop at a repeat.</summary>
        public static JsonObject Page<T>(HttpContext context, IReadOnlyList<T> items, string key, Func<T, JsonObject> render,
            ApiPagingMode paging)
        {
            var page = ReadNumber(context, "page", 1, 1, int.MaxValue);
            var perPage = ReadNumber(context, "per_page", DefaultPerPage, 1, MaxPerPage);
            var lastPage = Math.Max(1, (items.Count + perPage - 1) / perPage);
            var served = paging == ApiPagingMode.Honoured ? page : Math.Min(page, lastPage);
            var slice = items.Skip((served - 1) * perPage).Take(perPage).Select(render).ToList();
            if (paging == ApiPagingMode.Endless && page > lastPage)
            {
                slice.ForEach(item => RenameTokens(item, page));
            }
            var links = new JsonObject { ["self"] = Link(PageHref(context, page, perPage)) };
            if (paging != ApiPagingMode.Honoured || page < lastPage)
            {
                links["next_page"] = Link(PageHref(context, page + 1, perPage));
            }
            if (page > 1)
            {
                links["prev_page"] = Link(PageHref(context, page - 1, perPage));
            }
            return new JsonObject
            {
                ["_links"] = links,
                ["_embedded"] = new JsonObject { [key] = new JsonArray(slice.Select(item => (JsonNode?)item).ToArray()) },
            };
        }

        private static void RenameTokens(JsonObject item, int page)
        {
            foreach (var name in item.Select(p => p.Key).Where(k => k.EndsWith("token", StringComparison.Ordinal)).ToList())
            {
                item[name] = item[name]?.ToString() + "-page" + page;
            }
            // Some resources are known by their self link alone (a membership's token is in it).
            if (item["_links"]?["self"] is JsonObject self)
            {
                self["href"] = self["href"]?.ToString() + "-page" + page;
            }
        }

        public static int ReadNumber(HttpContext context, string name, int fallback, int min, int max)
        {
            var text = context.Request.Query[name].ToString();
            if (text.Length == 0)
            {
                return fallback;
            }
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            {
                throw ModeApiError.BadRequest(name + " must be a whole number of at least " + min + ", not '" + text + "'.");
            }
            return Math.Min(value, max);
        }

        private static string PageHref(HttpContext context, int page, int perPage)
        {
            var query = context.Request.Query
                .Where(q => q.Key != "page" && q.Key != "per_page")
                .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()))
                .Concat(new[] { "page=" + page, "per_page=" + perPage });
            return context.Request.Path + "?" + string.Join("&", query);
        }

        public static string? Timestamp(DateTimeOffset? value) =>
            value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
