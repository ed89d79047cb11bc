using System;
using System.Globalization;

namespace ModeScim.Emulator
{
    /// <summary>The emulator's command line. Every knob that a test or a demo turns is here.</summary>
    public sealed class EmulatorOptions
    {
        public const string DefaultToken = "emulator-token";

        public int Port { get; set; }

        public string Token { get; set; } = DefaultToken;

        /// <summary>A second token that may read but not change anything: its writes get 403, as a token without
        /// the provisioning scope does.</summary>
        public string? ReadOnlyToken { get; set; }

        /// <summary>How many sample users to create at start (and again on a data reset).</summary>
        public int SeedUsers { get; set; }

        public int MaxPageSize { get; set; } = 100;

        public int LatencyMs { get; set; }

        public double Rate429 { get; set; }

        public double Rate5xx { get; set; }

        public int RetryAfterSeconds { get; set; } = 1;

        /// <summary>How a 429 states its Retry-After: delta seconds, an HTTP-date, or either at random.</summary>
        public RetryAfterFormat RetryAfterFormat { get; set; } = RetryAfterFormat.Seconds;

        /// <summary>Fraction of requests whose connection is dropped before the server acts on them.</summary>
        public double RateDropBefore { get; set; }

        /// <summary>Fraction of requests that are applied and whose connection is then dropped without an
        /// answer: the hard case, where the client cannot know that the change happened.</summary>
        public double RateDropAfter { get; set; }

        /// <summary>Fraction of requests answered only after <see cref="SlowMs"/>, to trip client timeouts.</summary>
        public double RateSlow { get; set; }

        public int SlowMs { get; set; } = 5000;

        /// <summary>HTTP methods that faults apply to; empty means all.</summary>
        public System.Collections.Generic.HashSet<string> FaultMethods { get; } = new System.Collections.Generic.HashSet<string>(
            StringComparer.OrdinalIgnoreCase);

        public int? FaultSeed { get; set; }

        /// <summary>False to behave like a server without PATCH: advertised in ServiceProviderConfig, 501 on PATCH.</summary>
        public bool PatchSupported { get; set; } = true;

        public Storage.MemberDisplay MemberDisplay { get; set; } = Storage.MemberDisplay.UserName;

        /// <summary>Exit when standard input closes, so a parent that dies takes the emulator with it.
        /// Off by default: CI runs with stdin closed from the start.</summary>
        public bool WatchStdin { get; set; }

        public string BasePath { get; set; } = "/scim/v2";

        public const string DefaultWorkspace = "modescim";
        public const string DefaultApiToken = "emulator-api-token";
        public const string DefaultApiSecret = "emulator-api-secret";

        /// <summary>The workspace name in the REST API's paths (/api/{workspace}/...).</summary>
        public string Workspace { get; set; } = DefaultWorkspace;

        /// <summary>The REST API's token and secret (HTTP Basic user and password).</summary>
        public string ApiToken { get; set; } = DefaultApiToken;

        public string ApiSecret { get; set; } = DefaultApiSecret;

        /// <summary>How many accounts SAML made just in time, outside SCIM, to seed.</summary>
        public int JitUsers { get; set; }

        /// <summary>Whether SCIM lists accounts it did not make (unknown for Mode, so both are served).</summary>
        public bool JitListedInScim { get; set; }

        public ApiMembershipsMode ApiMemberships { get; set; } = ApiMembershipsMode.Both;

        /// <summary>How lists page: as asked; a page past the end answering the last page again with a next_page link,
        /// as some Mode lists are reported to; or without end, every page holding items not seen before.</summary>
        public ApiPagingMode ApiPaging { get; set; } = ApiPagingMode.Honoured;

        /// <summary>Requests per window per credential before 429; 0 for no limit.</summary>
        public int ApiRateLimit { get; set; } = 40;

        /// <summary>The rate limit's window: Mode's is reported as 10 seconds; tests shorten it.</summary>
        public int ApiRateWindowMs { get; set; } = 10_000;

        /// <summary>Retry-After on the API's 429s; 0 sends none (Mode has not said that it sends one).</summary>
        public int ApiRetryAfterSeconds { get; set; }

        /// <summary>Fraction of /api and /batch requests answered 429 regardless of the rate limit.</summary>
        public double ApiRate429 { get; set; }

        /// <summary>True: a report move is answered 200 with the report still where it was.</summary>
        public bool ApiReportMovesIgnored { get; set; }

        /// <summary>Which collections and reports name their creator (<c>_links.creator</c>): all; none; or all but
        /// personal collections and their reports, as an API that hides whose private space is whose might.</summary>
        public ApiCreatorLinksMode ApiCreatorLinks { get; set; } = ApiCreatorLinksMode.Present;

        /// <summary>What <c>/groups?member=</c> does: filters; ignores the filter and lists every group, as an API that
        /// does not know it would; or answers no group, as an API that wants another kind of name would.</summary>
        public ApiGroupMemberFilterMode ApiGroupMemberFilter { get; set; } = ApiGroupMemberFilterMode.Honoured;

        /// <summary>False to refuse the Discovery API with 403, as for a workspace not on the Enterprise plan.</summary>
        public bool ApiDiscovery { get; set; } = true;

        /// <summary>The email of the person whose REST credentials these are, as <c>GET /api/account</c> names them; null
        /// for a workspace token, which belongs to no person (the default).</summary>
        public string? ApiTokenOwner { get; set; }

        /// <summary>False to leave <c>admin</c> out of every membership, as a server that does not show it would.</summary>
        public bool ApiAdminFlagShown { get; set; } = true;

        /// <summary>How much of SCIM the server offers: --profile, then any single switch given.</summary>
        public ServerBehaviour Behaviour { get; set; } = new ServerBehaviour();

        public static EmulatorOptions Parse(string[] args)
        {
            var options = new EmulatorOptions();
            // The profile is the base that single switches adjust, wherever they stand on the line.
            var profileAt = Array.LastIndexOf(args, "--profile");
            if (profileAt >= 0)
            {
                options.Behaviour = ServerBehaviour.ForProfile(ReadValue(args, ref profileAt));
            }
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length && options.Behaviour.TrySet(name, args[i + 1]))
                {
                    i++;
                    continue;
                }
                switch (name)
                {
                    case "--profile":
                        i++;
                        break;
                    case "--port":
                        options.Port = ReadInt(args, ref i, 0, 65535);
                        break;
                    case "--token":
                        options.Token = ReadValue(args, ref i);
                        break;
                    case "--read-only-token":
                        options.ReadOnlyToken = ReadValue(args, ref i);
                        break;
                    case "--seed":
                        options.SeedUsers = ReadInt(args, ref i, 0, 1_000_000);
                        break;
                    case "--max-page-size":
                        options.MaxPageSize = ReadInt(args, ref i, 1, 100_000);
                        break;
                    case "--latency-ms":
                        options.LatencyMs = ReadInt(args, ref i, 0, 600_000);
                        break;
                    case "--rate-429":
                        options.Rate429 = ReadRate(args, ref i);
                        break;
                    case "--rate-5xx":
                        options.Rate5xx = ReadRate(args, ref i);
                        break;
                    case "--retry-after":
                        options.RetryAfterSeconds = ReadInt(args, ref i, 0, 3600);
                        break;
                    case "--retry-after-format":
                        options.RetryAfterFormat = ParseRetryAfterFormat(ReadValue(args, ref i));
                        break;
                    case "--rate-drop-before":
                        options.RateDropBefore = ReadRate(args, ref i);
                        break;
                    case "--rate-drop-after":
                        options.RateDropAfter = ReadRate(args, ref i);
                        break;
                    case "--rate-slow":
                        options.RateSlow = ReadRate(args, ref i);
                        break;
                    case "--slow-ms":
                        options.SlowMs = ReadInt(args, ref i, 0, 600_000);
                        break;
                    case "--fault-methods":
                        foreach (var method in ReadValue(args, ref i)
                            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            options.FaultMethods.Add(method);
                        }
                        break;
                    case "--fault-seed":
                        options.FaultSeed = ReadInt(args, ref i, int.MinValue, int.MaxValue);
                        break;
                    case "--member-display":
                        var display = ReadValue(args, ref i);
                        options.MemberDisplay = display switch
                        {
                            "userName" => Storage.MemberDisplay.UserName,
                            "displayName" => Storage.MemberDisplay.DisplayName,
                            _ => throw new EmulatorUsageException("--member-display must be userName or displayName, not '"
                                + display + "'."),
                        };
                        break;
                    case "--no-patch":
                        options.PatchSupported = false;
                        break;
                    case "--workspace":
                        options.Workspace = ReadValue(args, ref i);
                        break;
                    case "--api-token":
                        options.ApiToken = ReadValue(args, ref i);
                        break;
                    case "--api-secret":
                        options.ApiSecret = ReadValue(args, ref i);
                        break;
                    case "--jit-users":
                        options.JitUsers = ReadInt(args, ref i, 0, 100_000);
                        break;
                    case "--jit-in-scim":
                        options.JitListedInScim = ReadChoice(args, ref i, "listed", "unlisted") == "listed";
                        break;
                    case "--api-memberships":
                        options.ApiMemberships = ReadChoice(args, ref i, "both", "full-only", "lite-only") switch
                        {
                            "full-only" => ApiMembershipsMode.FullOnly,
                            "lite-only" => ApiMembershipsMode.LiteOnly,
                            _ => ApiMembershipsMode.Both,
                        };
                        break;
                    case "--api-paging":
                        options.ApiPaging = ReadChoice(args, ref i, "honoured", "repeat-last", "endless") switch
                        {
                            "repeat-last" => ApiPagingMode.RepeatLast,
                            "endless" => ApiPagingMode.Endless,
                            _ => ApiPagingMode.Honoured,
                        };
                        break;
                    case "--api-rate-limit":
                        options.ApiRateLimit = ReadInt(args, ref i, 0, 1_000_000);
                        break;
                    case "--api-rate-window-ms":
                        options.ApiRateWindowMs = ReadInt(args, ref i, 1, 3_600_000);
                        break;
                    case "--api-retry-after":
                        options.ApiRetryAfterSeconds = ReadInt(args, ref i, 0, 3600);
                        break;
                    case "--api-rate-429":
                        options.ApiRate429 = ReadRate(args, ref i);
                        break;
                    case "--api-report-moves":
                        options.ApiReportMovesIgnored = ReadChoice(args, ref i, "applied", "ignored") == "ignored";
                        break;
                    case "--api-creator-links":
                        options.ApiCreatorLinks = ReadChoice(args, ref i, "present", "omitted", "personal-omitted") switch
                        {
                            "omitted" => ApiCreatorLinksMode.Omitted,
                            "personal-omitted" => ApiCreatorLinksMode.PersonalOmitted,
                            _ => ApiCreatorLinksMode.Present,
                        };
                        break;
                    case "--api-group-member-filter":
                        options.ApiGroupMemberFilter = ReadChoice(args, ref i, "honoured", "ignored", "empty") switch
                        {
                            "ignored" => ApiGroupMemberFilterMode.Ignored,
                            "empty" => ApiGroupMemberFilterMode.Empty,
                            _ => ApiGroupMemberFilterMode.Honoured,
                        };
                        break;
                    case "--api-discovery":
                        options.ApiDiscovery = ReadChoice(args, ref i, "yes", "403") == "yes";
                        break;
                    case "--api-token-owner":
                        var owner = ReadValue(args, ref i);
                        options.ApiTokenOwner = string.Equals(owner, "workspace", StringComparison.OrdinalIgnoreCase) ? null : owner;
                        break;
                    case "--api-admin-flag":
                        options.ApiAdminFlagShown = ReadChoice(args, ref i, "shown", "omitted") == "shown";
                        break;
                    case "--watch-stdin":
                        options.WatchStdin = true;
                        break;
                    case "--help":
                    case "-h":
                        throw new EmulatorUsageException(null);
                    default:
                        throw new EmulatorUsageException("Unknown option '" + name + "'.");
                }
            }
            if (string.IsNullOrEmpty(options.Token))
            {
                throw new EmulatorUsageException("--token must not be empty.");
            }
            if (options.Workspace.Length == 0 || options.ApiToken.Length == 0 || options.ApiSecret.Length == 0
                || options.ApiToken.Contains(':', StringComparison.Ordinal))
            {
                throw new EmulatorUsageException("--workspace, --api-token and --api-secret must not be empty; the token holds no ':'.");
            }
            return options;
        }

        public const string Usage =
            "Usage: ModeScim.Emulator [--port N] [--token T] [--seed USERS] [--max-page-size N]\n" +
            "                         [--latency-ms MS] [--rate-429 0..1] [--rate-5xx 0..1] [--retry-after S]\n" +
            "                         [--retry-after-format seconds|date|mixed] [--rate-drop-before 0..1]\n" +
            "                         [--rate-drop-after 0..1] [--rate-slow 0..1] [--slow-ms MS] [--fault-methods POST,PATCH]\n" +
            "                         [--fault-seed N] [--no-patch] [--member-display userName|displayName]\n" +
            "                         [--watch-stdin]\n" +
            "  Server profile: [--profile full|okta|entra|minimal], adjusted by any of\n" +
            "                         [--discovery published|absent|401|500|html] [--filters full|eq-and]\n" +
            "                         [--filter-attributes a,b] [--filter-escapes accept|refuse] [--unique-emails yes|no]\n" +
            "                         [--user-groups derived|empty|omitted|not-in-lists] [--omit-user-attributes a,b]\n" +
            "                         [--group-members returned|omitted|not-in-lists] [--attribute-selection honoured|ignored]\n" +
            "                         [--group-member-filter none|members|id-and-members]\n" +
            "                         [--deactivation applied|ignored|path-ignored] [--member-patch applied|partial]\n" +
            "                         [--patch-response resource|204]\n" +
            "                         [--user-patch yes|405] [--error-status string|number] [--content-type scim|json]\n" +
            "                         [--duplicate-create 409|adopt-201|adopt-200] [--non-id-path 404|400|500]\n" +
            "                         [--entra-forms accept|refuse] [--patch-value-paths full|members-only]\n" +
            "                         [--total-results true|low|high]\n" +
            "  Mode REST API (/api, /batch): [--workspace W] [--api-token T] [--api-secret S] [--jit-users N]\n" +
            "                         [--jit-in-scim listed|unlisted] [--api-memberships both|full-only|lite-only]\n" +
            "                         [--api-paging honoured|repeat-last|endless] [--api-rate-limit N per window, 0 off]\n" +
            "                         [--api-rate-window-ms MS] [--api-retry-after S] [--api-rate-429 0..1] [--api-discovery yes|403]\n" +
            "                         [--api-group-member-filter honoured|ignored|empty]\n" +
            "                         [--api-creator-links present|omitted|personal-omitted] [--api-report-moves applied|ignored]\n" +
            "                         [--api-token-owner EMAIL|workspace] [--api-admin-flag shown|omitted]\n" +
            "Prints 'LISTENING <base uri>' once it accepts requests. Admin: GET /_emulator/stats, GET /_emulator/state,\n" +
            "POST /_emulator/reset[?data=true], POST /_emulator/config (JSON of the knobs above).";

        public static RetryAfterFormat ParseRetryAfterFormat(string text)
        {
            return text.ToLowerInvariant() switch
            {
                "seconds" => RetryAfterFormat.Seconds,
                "date" => RetryAfterFormat.Date,
                "mixed" => RetryAfterFormat.Mixed,
                _ => throw new EmulatorUsageException("--retry-after-format must be seconds, date or mixed, not '" + text + "'."),
            };
        }

        private static string ReadValue(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
            {
                throw new EmulatorUsageException(args[i] + " needs a value.");
            }
            return args[++i];
        }

        private static string ReadChoice(string[] args, ref int i, params string[] choices)
        {
            var name = args[i];
            var text = ReadValue(args, ref i);
            if (Array.IndexOf(choices, text) < 0)
            {
                throw new EmulatorUsageException(name + " must be " + string.Join(" or ", choices) + ", not '" + text + "'.");
            }
            return text;
        }

        private static int ReadInt(string[] args, ref int i, int min, int max)
        {
            var name = args[i];
            var text = ReadValue(args, ref i);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw new EmulatorUsageException(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'.");
            }
            return value;
        }

        private static double ReadRate(string[] args, ref int i)
        {
            var name = args[i];
            var text = ReadValue(args, ref i);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 1)
            {
                throw new EmulatorUsageException(name + " must be a fraction from 0 to 1, not '" + text + "'.");
            }
            return value;
        }
    }

    public enum ApiGroupMemberFilterMode
    {
        Honoured,
        Ignored,
        Empty,
    }

    public enum ApiCreatorLinksMode
    {
        Present,
        Omitted,
        PersonalOmitted,
    }

    public enum ApiPagingMode
    {
        Honoured,
        RepeatLast,
        Endless,
    }

    public enum ApiMembershipsMode
    {
        Both,
        FullOnly,
        LiteOnly,
    }

    public enum RetryAfterFormat
    {
        Seconds,
        Date,
        Mixed,
    }

    public sealed class EmulatorUsageException : Exception
    {
        public EmulatorUsageException(string? problem)
            : base(problem ?? string.Empty)
        {
        }
    }
}
