<#
.SYNOPSIS
    Measures ModeScim against what an admin would otherwise write with Invoke-RestMethod, in the same run,
    against the emulator with real latency. Started by build.ps1 -Task Bench in a fresh process.
.DESCRIPTION
    Each scenario runs -Runs times for ModeScim and for the naive loop; the medians, their ratio and the
    request counts (from the emulator's counters) go to results.json and results.md under -OutDir.
    Timing is reported, never asserted: benchmarks are not tests.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $OutDir,
    [int] $LatencyMs = 20,
    [int] $Runs = 3,
    [int] $ThrottleLimit = 8,
    # Untimed runs before the listing scenarios are timed, for at least this long (see Measure-Scenario).
    [double] $WarmUpSeconds = 10,
    # Tiny sizes: proves the benchmark still works, in seconds.
    [switch] $Smoke,
    # Only these scenarios, comma-separated (a full run, for the record, runs them all).
    [string] $Scenario = ''
)
$ErrorActionPreference = 'Stop'
if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
Import-Module (Join-Path $PSScriptRoot 'ModeScimEmulator.psm1') -Force
Import-Module $ModuleManifest -Force

if ($Smoke) {
    $WarmUpSeconds = 0
    $size = @{ ListUsers = 400; GroupSize = 300; GroupChanges = 20; DisableUsers = 20; MemoryUsers = 2000; ImportRuns = 2; NightlyUsers = 2000; NightlyGroups = 40; SourceUsers = 100; SourceLeavers = 10; SourceGroups = 8 }
    $size += @{ RestAccounts = 150; HandoverCollections = 4; SaasUsers = 200; SaasLatencyMs = 50 }
}
else {
    $size = @{ ListUsers = 20000; GroupSize = 5000; GroupChanges = 200; DisableUsers = 500; MemoryUsers = 100000; ImportRuns = 5; NightlyUsers = 50000; NightlyGroups = 40; SourceUsers = 1000; SourceLeavers = 50; SourceGroups = 40 }
    $size += @{ RestAccounts = 5000; HandoverCollections = 20; SaasUsers = 2000; SaasLatencyMs = 300 }
}
$pageSize = 100
$wanted = @($Scenario.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
function Test-Wanted([string] $Name) { $wanted.Count -eq 0 -or $wanted -contains $Name }
$childPowerShell = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
$null = New-Item -ItemType Directory -Path $OutDir -Force

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2 -eq 1) { return $sorted[$middle] }
    return ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

# Runs $Run -Runs times after $Setup each time; returns the median milliseconds and requests. With
# -WarmUp, untimed runs first until -WarmUpSeconds have passed (one at least): .NET's tiered compilation with
# dynamic PGO recompiles the hot paths over the first 10-15 listings of 20,000 users (the module's CPU per
# listing falls from about 850 to 230 ms, measured), so a run timed after one warm-up measured the compiler.
# -WarmUpFor shortens the warm-up where each listing is long (list-users-saas: the latency, not the compiler, dominates).
function Measure-Scenario([scriptblock] $Setup, [scriptblock] $Run, [switch] $WarmUp, [double] $WarmUpFor = $WarmUpSeconds) {
    $times = @()
    $requests = @()
    if ($WarmUp) {
        $warming = [System.Diagnostics.Stopwatch]::StartNew()
        do {
            & $Setup
            $null = & $Run
        } while ($warming.Elapsed.TotalSeconds -lt $WarmUpFor)
    }
    for ($i = 0; $i -lt $Runs; $i++) {
        & $Setup
        Reset-ModeScimEmulator $script:Emulator
        # Same starting heap for both sides: a collection owed by the setup must not land in a timed run.
        [System.GC]::Collect()
        [System.GC]::WaitForPendingFinalizers()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $null = & $Run
        $watch.Stop()
        $times += $watch.Elapsed.TotalMilliseconds
        $requests += (Get-ModeScimEmulatorStats $script:Emulator).total
    }
    [pscustomobject]@{ Ms = [Math]::Round((Get-Median $times), 1); Requests = [int](Get-Median $requests) }
}

# Points both sides at an emulator: the naive loop's base URL and header, and the module's connection.
function Connect-Bench($Emulator, [string] $Token, [int] $Limit) {
    $script:Base = $Emulator.BaseUri.TrimEnd('/') + '/'
    $script:Headers = @{ Authorization = "Bearer $Token" }
    Connect-ModeScim -BaseUri $Emulator.BaseUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -ThrottleLimit $Limit
}

# Mode's REST API beside SCIM, as an admin connects to it. The module's own pacing (36 requests per 10 s by default) is
# off, like the emulator's limit (--api-rate-limit 0): the benchmark counts REST requests and turns them into time at
# Mode's pace (Get-RestSeconds) instead of sleeping through it.
function Connect-BenchApi($Emulator, [string] $Token) {
    $script:Base = $Emulator.BaseUri.TrimEnd('/') + '/'
    $script:Headers = @{ Authorization = "Bearer $Token" }
    Connect-ModeScim -BaseUri $Emulator.BaseUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -ThrottleLimit $ThrottleLimit `
        -ApiBaseUri $Emulator.ApiBaseUri -Workspace $Emulator.Workspace -ApiToken (ConvertTo-SecureString $Emulator.ApiToken -AsPlainText -Force) `
        -ApiSecret (ConvertTo-SecureString $Emulator.ApiSecret -AsPlainText -Force) -ApiRateLimit 0
}

# Mode's REST API allows about 40 requests per 10 s (docs/performance.md; the design notes on Mode's REST API), then
# answers 429: n REST requests take n x 10 / 40 s at that pace (a first burst may go at once, so a run of fewer than
# 40 can take less).
$modeRestRequestsPer10s = 40
function Get-RestSeconds([int] $Requests) { [Math]::Round($Requests * 10.0 / $modeRestRequestsPer10s, 1) }

# The requests of a run that went to Mode's REST API (/api) or its Discovery API (/batch), from the emulator's counters.
function Get-RestRequests($Stats) {
    $rest = 0
    foreach ($route in $Stats.routes.PSObject.Properties) { if ($route.Name -match '^\w+ (api|batch)/') { $rest += $route.Value } }
    $rest
}

function Get-ApiState($Emulator) { Invoke-RestMethod -Uri "$($Emulator.AdminUri)/api/state" }

function Invoke-Scim([string] $Method, [string] $Path, $Body) {
    $parameters = @{ Method = $Method; Uri = $script:Base + $Path; Headers = $script:Headers }
    if ($null -ne $Body) {
        $parameters.Body = ($Body | ConvertTo-Json -Depth 6 -Compress)
        $parameters.ContentType = 'application/scim+json'
    }
    $response = Invoke-RestMethod @parameters
    if ($response -is [string] -and $response.Length -gt 0) { return ($response | ConvertFrom-Json) }
    $response
}

# What an admin writes to list every user: one page at a time, each kept.
function Invoke-NaiveListing {
    $all = New-Object System.Collections.Generic.List[object]
    $start = 1
    do {
        $page = Invoke-Scim Get "Users?startIndex=$start&count=$pageSize"
        foreach ($user in @($page.Resources)) { $all.Add($user) }
        $start += @($page.Resources).Count
    } while (@($page.Resources).Count -gt 0 -and $start -le $page.totalResults)
    $all.Count
}

function Quote([string] $Value) { '"' + $Value.Replace('\', '\\').Replace('"', '\"') + '"' }

function New-Group([string] $Name, [string[]] $MemberIds) {
    $existing = Invoke-Scim Get ('Groups?excludedAttributes=members&filter=' + [Uri]::EscapeDataString('displayName eq ' + (Quote $Name)))
    foreach ($group in @($existing.Resources)) { $null = Invoke-Scim Delete "Groups/$($group.id)" }
    Invoke-Scim Post 'Groups' @{ schemas = @('urn:ietf:params:scim:schemas:core:2.0:Group'); displayName = $Name; members = @($MemberIds | ForEach-Object { @{ value = $_ } }) }
}

$results = New-Object System.Collections.Generic.List[object]
function Add-Result([string] $Name, $ModeScim, $Naive, [int] $LowerBound) {
    $speedup = if ($ModeScim.Ms -gt 0) { [Math]::Round($Naive.Ms / $ModeScim.Ms, 2) } else { 0 }
    $results.Add([ordered]@{
            name               = $Name
            profile            = $script:Profile
            modescimMs         = $ModeScim.Ms
            naiveMs            = $Naive.Ms
            speedup            = $speedup
            requests           = $ModeScim.Requests
            naiveRequests      = $Naive.Requests
            lowerBoundRequests = $LowerBound
        })
    Write-Host ("{0,-14} {1,-8} ModeScim {2,9} ms {3,6} req | naive {4,9} ms {5,6} req | x{6}" -f $Name, $script:Profile, $ModeScim.Ms, $ModeScim.Requests, $Naive.Ms, $Naive.Requests, $speedup)
}

# Every scenario against the full RFC emulator and against the minimal profile (a server built only for what
# Okta and Entra send): the second shows what the fallbacks cost.
foreach ($script:Profile in @(if (@('list-users', 'sync-group', 'disable-users', 'group-members') | Where-Object { Test-Wanted $_ }) { 'full', 'minimal' })) {
$minimal = $script:Profile -eq 'minimal'
$token = 'bench-' + [guid]::NewGuid().ToString('N')
$script:Emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $token -Seed $size.ListUsers -ExtraArguments @('--latency-ms', $LatencyMs, '--max-page-size', $pageSize, '--profile', $script:Profile)
try {
    Connect-Bench $script:Emulator $token $ThrottleLimit
    $noSetup = {}

    if (Test-Wanted 'list-users') {
        # list-users: every user, in server order.
        $modescim = Measure-Scenario $noSetup { @(Get-ModeUser).Count } -WarmUp
        $naive = Measure-Scenario -WarmUp $noSetup { Invoke-NaiveListing }
        Add-Result 'list-users' $modescim $naive ([Math]::Ceiling($size.ListUsers / $pageSize))
        # How close the listing comes to what the concurrency allows: the first page alone, then the rest
        # ThrottleLimit at a time, each costing the latency.
        $pages = [Math]::Ceiling($size.ListUsers / $pageSize)
        $fractions = [ordered]@{}
        foreach ($limit in @(4, 8)) {
            Connect-Bench $script:Emulator $token $limit
            $listing = Measure-Scenario $noSetup { @(Get-ModeUser).Count } -WarmUp
            $bound = $LatencyMs * (1 + [Math]::Ceiling(($pages - 1) / $limit))
            $fractions["$limit"] = [Math]::Round($bound / $listing.Ms, 2)
            Write-Host ("list-users     {0,-8} ThrottleLimit {1}: {2} ms against a bound of {3} ms ({4})" -f $script:Profile, $limit, $listing.Ms, $bound, $fractions["$limit"])
        }
        $results[$results.Count - 1].boundFraction = $fractions
        Connect-Bench $script:Emulator $token $ThrottleLimit
    }
    $everyone = @(Get-ModeUser)
    # The big group's members, for sync-group and group-members alike: each scenario sets up what it reads, so any
    # subset of them runs.
    $members = @($everyone[0..($size.GroupSize - 1)])

    if (Test-Wanted 'sync-group') {
        # sync-group: a big group, some leave and some join.
        $desired = @($everyone[$size.GroupChanges..($size.GroupSize + $size.GroupChanges - 1)].UserName)
        $syncSetup = { $null = New-Group 'Bench Sync' $members.Id }
        $modescim = Measure-Scenario $syncSetup { Sync-ModeGroup -Group 'Bench Sync' -Member $desired }
        $naive = Measure-Scenario $syncSetup {
            # What an admin writes: read the group, page through every user to map names to ids, then one
            # PATCH per member to add and one per member to remove.
            $group = (Invoke-Scim Get ('Groups?filter=' + [Uri]::EscapeDataString('displayName eq "Bench Sync"'))).Resources[0]
            $idByName = @{}
            $start = 1
            do {
                $page = Invoke-Scim Get "Users?startIndex=$start&count=$pageSize"
                foreach ($user in @($page.Resources)) { $idByName[$user.userName] = $user.id }
                $start += @($page.Resources).Count
            } while (@($page.Resources).Count -gt 0 -and $start -le $page.totalResults)
            $current = @{}
            foreach ($member in @($group.members)) { $current[$member.value] = $true }
            $wanted = @{}
            foreach ($name in $desired) {
                $id = $idByName[$name]
                $wanted[$id] = $true
                if (-not $current.ContainsKey($id)) {
                    $null = Invoke-Scim Patch "Groups/$($group.id)" @{ schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'add'; path = 'members'; value = @(@{ value = $id }) }) }
                }
            }
            foreach ($id in @($current.Keys)) {
                if (-not $wanted.ContainsKey($id)) {
                    $null = Invoke-Scim Patch "Groups/$($group.id)" @{ schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'remove'; path = "members[value eq `"$id`"]" }) }
                }
            }
        }
        # The lower bound reads the group, resolves every desired name (a member's display text may be stale, so it
        # spares nothing): in "or" batches of 100, or where "or" is refused the cheaper of one lookup per name and
        # one listing of every user (after one request asking how many there are), and batches the changes by 100.
        $lookups = if ($minimal) { [Math]::Min($size.GroupSize, 1 + [Math]::Ceiling($size.ListUsers / $pageSize)) }
        else { [Math]::Ceiling($size.GroupSize / $pageSize) }
        $lowerBound = 1 + $lookups + [Math]::Ceiling(2 * $size.GroupChanges / 100)
        Add-Result 'sync-group' $modescim $naive $lowerBound
    }

    if (Test-Wanted 'disable-users') {
        # disable-users: piped users, journal on.
        $leavers = @($everyone | Where-Object Active | Select-Object -First $size.DisableUsers)
        $journal = Join-Path $OutDir 'bench-journal.jsonl'
        $disableSetup = {
            Remove-Item $journal -ErrorAction SilentlyContinue
            foreach ($user in $leavers) {
                $null = Invoke-Scim Patch "Users/$($user.Id)" @{ schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'active'; value = $true }) }
            }
        }
        $modescim = Measure-Scenario $disableSetup { $leavers | Disable-ModeUser -JournalPath $journal }
        $naive = Measure-Scenario $disableSetup {
            foreach ($user in $leavers) {
                $found = (Invoke-Scim Get ('Users?filter=' + [Uri]::EscapeDataString('userName eq ' + (Quote $user.UserName)))).Resources[0]
                $null = Invoke-Scim Patch "Users/$($found.id)" @{ schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'active'; value = $false }) }
            }
        }
        # One change each, the users read in batches of 100 first; where users carry no groups, one read of the group side
        # for the whole run as well. The minimal server answers a PATCH with a bare 204, which a deactivation must not be
        # believed on: one read back each.
        # On minimal "or" is refused (one batch learns it), then the cheaper of one GET each and one listing.
        $reads = if ($minimal) { 1 + [Math]::Min($size.DisableUsers, 1 + [Math]::Ceiling($size.ListUsers / $pageSize)) }
        else { [Math]::Ceiling($size.DisableUsers / 100) }
        Add-Result 'disable-users' $modescim $naive ($size.DisableUsers * $(if ($minimal) { 2 } else { 1 }) + $reads + $(if ($minimal) { 1 } else { 0 }))
        Remove-Item $journal -ErrorAction SilentlyContinue
    }

    if (Test-Wanted 'group-members') {
        # group-members: the members of a big group as user objects.
        $null = New-Group 'Bench Members' $members.Id
        $modescim = Measure-Scenario $noSetup { @(Get-ModeGroupMember 'Bench Members').Count }
        $naive = Measure-Scenario $noSetup {
            $group = (Invoke-Scim Get ('Groups?filter=' + [Uri]::EscapeDataString('displayName eq "Bench Members"'))).Resources[0]
            $users = foreach ($member in @($group.members)) { Invoke-Scim Get "Users/$($member.value)" }
            @($users).Count
        }
        # Where "or" is refused (after one batch learns it), the cheaper of one GET per member and one listing of the
        # workspace (a request for the count, then its pages).
        $memberReads = if ($minimal) { 1 + [Math]::Min($size.GroupSize, 1 + [Math]::Ceiling($size.ListUsers / $pageSize)) }
        else { [Math]::Ceiling($size.GroupSize / $pageSize) }
        Add-Result 'group-members' $modescim $naive (1 + $memberReads)
    }

    Disconnect-ModeScim
}
finally {
    Stop-ModeScimEmulator $script:Emulator
}
}

# nightly: the job admins schedule, in a fresh process on a workspace of its own. Everyone is in one of the
# groups; the HR export is every active user, less 1% who left, plus 1% who joined, with 2% changed.
foreach ($script:Profile in @(if (Test-Wanted 'nightly') { 'full', 'minimal' })) {
$nightlyToken = 'bench-' + [guid]::NewGuid().ToString('N')
$nightlyEmulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $nightlyToken -Seed $size.NightlyUsers -TimeoutSec 300 -ExtraArguments @('--latency-ms', $LatencyMs, '--max-page-size', $pageSize, '--profile', $script:Profile)
try {
    Connect-Bench $nightlyEmulator $nightlyToken $ThrottleLimit
    $workspace = @(Get-ModeUser)
    # The seeded groups, then departments up to the size: every account is in one department.
    $departments = $size.NightlyGroups - @(Get-ModeGroup -ExcludeMembers).Count
    for ($g = 0; $g -lt $departments; $g++) {
        $ids = @(for ($i = $g; $i -lt $workspace.Count; $i += $departments) { $workspace[$i].Id })
        $null = New-Group ('Department {0:D2}' -f $g) $ids
    }
    Disconnect-ModeScim
    $active = @($workspace | Where-Object Active)
    $onePercent = [int][Math]::Floor($active.Count / 100)
    $hr = New-Object System.Collections.Generic.List[object]
    for ($i = 0; $i -lt $active.Count; $i++) {
        $user = $active[$i]
        if ($i % 100 -eq 0) { continue }
        $family = $user.FamilyName
        $display = $user.DisplayName
        if ($i % 50 -eq 1) {
            $family = "$family-Changed"
            $display = "$($user.GivenName) $family"
        }
        $hr.Add([pscustomobject]@{ UserName = $user.UserName; Email = $user.Email; GivenName = $user.GivenName; FamilyName = $family; DisplayName = $display; ExternalId = $user.ExternalId })
    }
    $leavers = [int][Math]::Ceiling($active.Count / 100)
    $changed = @(for ($i = 1; $i -lt $active.Count; $i += 50) { $i }).Count
    for ($j = 0; $j -lt $onePercent; $j++) {
        $hr.Add([pscustomobject]@{ UserName = "joiner$j@example.com"; Email = "joiner$j@example.com"; GivenName = 'New'; FamilyName = "Joiner$j"; DisplayName = "New Joiner$j"; ExternalId = "J$j" })
    }
    $hrCsv = Join-Path $OutDir 'nightly-hr.csv'
    $hr | Export-Csv -LiteralPath $hrCsv -NoTypeInformation -Encoding UTF8
    $nightlyJournal = Join-Path $OutDir 'nightly-journal.jsonl'
    Remove-Item -LiteralPath $nightlyJournal -ErrorAction SilentlyContinue
    $job = Join-Path $PSScriptRoot 'Invoke-NightlyJob.ps1'
    $line = (& $childPowerShell -NoProfile -NonInteractive -File $job -ModuleManifest $ModuleManifest -BaseUri $nightlyEmulator.BaseUri -Token $nightlyToken -AdminUri $nightlyEmulator.AdminUri -HrCsv $hrCsv -JournalPath $nightlyJournal -ReportCsv (Join-Path $OutDir 'nightly-report.csv') -ThrottleLimit $ThrottleLimit | Select-Object -Last 1)
    if ($LASTEXITCODE -ne 0) { throw "The nightly job failed with exit code $LASTEXITCODE." }
    $nightly = "$line" | ConvertFrom-Json
    $expected = @{ created = $onePercent; updated = $changed; disabled = $leavers; failed = 0; reportRows = $workspace.Count + $onePercent }
    foreach ($key in $expected.Keys) {
        if ($nightly.$key -ne $expected[$key]) { throw "The nightly job ($script:Profile) reported $key $($nightly.$key), not $($expected[$key])." }
    }
    $requests = (Get-ModeScimEmulatorStats $nightlyEmulator).total
    # The lower bound: the sync lists every user and the review lists them again with the groups (one page for
    # 40), one request per change, and where users carry no groups, one listing of the groups for the journal. The
    # minimal server answers a PATCH with a bare 204, and a deactivation is not believed unread: one read back each.
    $userPages = [Math]::Ceiling(($workspace.Count + $onePercent) / $pageSize)
    $groupPages = [Math]::Ceiling($size.NightlyGroups / $pageSize)
    $lowerBound = [Math]::Ceiling($workspace.Count / $pageSize) + $onePercent + $changed + $leavers + $userPages + $groupPages + $(if ($script:Profile -eq 'minimal') { $groupPages + $leavers } else { 0 })
    $results.Add([ordered]@{
            name               = 'nightly'
            profile            = $script:Profile
            users              = $workspace.Count
            groups             = $size.NightlyGroups
            changes            = [ordered]@{ created = $nightly.created; updated = $nightly.updated; disabled = $nightly.disabled }
            modescimMs         = $nightly.ms
            requests           = $requests
            lowerBoundRequests = $lowerBound
            peakWorkingSetMb   = $nightly.peakWorkingSetMb
        })
    Write-Host ("nightly        {0,-8} ModeScim {1,9} ms {2,6} req (lower bound {3}) | peak working set {4} MB" -f $script:Profile, $nightly.ms, $requests, $lowerBound, $nightly.peakWorkingSetMb)
}
finally {
    Stop-ModeScimEmulator $nightlyEmulator
}
}

# membership-sources: what reading leavers' groups costs on each shape of server, from the cheapest source to the
# last resort: -SourceLeavers users, each in two of -SourceGroups groups, disabled in one Disable-ModeUser (journal on),
# then the members of one group read with Get-ModeGroupMember. Requests are counted on both APIs; the REST ones are
# what Mode's rate (about 40 per 10 s) turns into time.
$sources = New-Object System.Collections.Generic.List[object]
if (Test-Wanted 'membership-sources') {
    # eqOnly: the server refuses "or" and answers a PATCH with a bare 204 (minimal, entra). read: what the source must read
    # of the leavers' groups beyond finding and changing them (see Get-SourceLowerBound).
    # Where lists are trimmed, 20 leavers or more are cheaper to read from the groups' side once than each by id.
    $trimmedSource = 'userAttribute'
    if ($size.SourceLeavers -ge 20) { $trimmedSource = 'groups' }
    $shapes = @(
        @{ shape = 'full'; source = 'userAttribute'; arguments = @('--profile', 'full'); api = $false; eqOnly = $false; read = 'with-user' }
        @{ shape = 'user-groups not-in-lists'; source = $trimmedSource; arguments = @('--user-groups', 'not-in-lists'); api = $false; eqOnly = $false; read = 'get-each-or-group-listing' }
        @{ shape = 'minimal'; source = 'groups'; arguments = @('--profile', 'minimal'); api = $false; eqOnly = $true; read = 'group-listing' }
        @{ shape = 'entra, group-member-filter members'; source = 'groupFilter'; arguments = @('--profile', 'entra', '--group-member-filter', 'members'); api = $false; eqOnly = $true; read = 'filter-each' }
        @{ shape = 'entra (id-and-members)'; source = 'groupFilter'; arguments = @('--profile', 'entra'); api = $false; eqOnly = $true; read = 'filter-each-group' }
        @{ shape = 'entra, group-member-filter none, REST API'; source = 'modeApi'; arguments = @('--profile', 'entra', '--group-member-filter', 'none'); api = $true; eqOnly = $true; read = 'rest-each' }
    )
    # The fewest requests that disable L leavers (named by userName) of U users with their groups journalled, G groups,
    # p the page size. Finding and changing them, on every source:
    #   a server that takes "or": ceil(L / 100) batched lookups (the users come back with their groups where the
    #   server shows them) + L PATCHes;
    #   an eq-only server: 1 refused "or" batch + min(L, 1 + ceil(U / p)) (one lookup each, or a count and one
    #   listing) + 2 L (each PATCH, answered with a bare 204, read back once: a deactivation is not believed unread).
    # Then what each source must read of the leavers' groups:
    #   with-user (userAttribute, full): nothing, the lookups carry them;
    #   get-each-or-group-listing (lists trimmed): + min(L, ceil(G / p)), one GET by id each (a listing or filter leaves
    #   groups out) or, where cheaper, one listing of the groups with their members;
    #   group-listing (groups): + ceil(G / p), one listing of the groups with their members;
    #   filter-each (groupFilter, members[value eq]): + L, one filtered group query each;
    #   filter-each-group (groupFilter, id eq ... and members[...] only): + ceil(G / p) for the groups' ids
    #   + L x G, one query per leaver and group (nothing narrower is answered);
    #   rest-each (modeApi): + L REST requests (/groups?member=), + ceil(A / p) + 1 (the full members list and the
    #   lite one, read once for the membership source and the lockout check: each leaver's Mode username by email,
    #   and the admins who stay; A, the accounts, are the users here), + 1 (GET
    #   /api/account: whose credentials these are, for the lockout check, which runs wherever REST is connected),
    #   + ceil(G / p) (the SCIM groups' ids, which the journal records, by name).
    # Learning what a server does (probes, refused forms other than the one "or" batch, looks past a full last page)
    # is not counted: a bound is what a client that already knew the server would send.
    function Get-SourceLowerBound($Shape, [int] $Leavers, [int] $Users, [int] $Groups) {
        $find = if ($Shape.eqOnly) { 1 + [Math]::Min($Leavers, 1 + [Math]::Ceiling($Users / $pageSize)) + 2 * $Leavers }
        else { [Math]::Ceiling($Leavers / 100) + $Leavers }
        $groupPages = [Math]::Ceiling($Groups / $pageSize)
        $read = switch ($Shape.read) {
            'with-user' { 0 }
            'get-each-or-group-listing' { [Math]::Min($Leavers, $groupPages) }
            'group-listing' { $groupPages }
            'filter-each' { $Leavers }
            'filter-each-group' { $groupPages + $Leavers * $Groups }
            'rest-each' { $Leavers + [Math]::Ceiling($Users / $pageSize) + 2 + $groupPages }
        }
        [int]($find + $read)
    }
    foreach ($shape in $shapes) {
        $sourceToken = 'bench-' + [guid]::NewGuid().ToString('N')
        $script:Emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $sourceToken -Seed $size.SourceUsers -ExtraArguments (@('--latency-ms', $LatencyMs, '--max-page-size', $pageSize, '--api-rate-limit', '0') + $shape.arguments)
        try {
            Connect-Bench $script:Emulator $sourceToken $ThrottleLimit
            $workspaceUsers = @(Get-ModeUser)
            $everyone = @($workspaceUsers | Where-Object Active)
            foreach ($group in @(Get-ModeGroup -ExcludeMembers)) { $null = Invoke-Scim Delete "Groups/$($group.Id)" }
            $leavers = @($everyone | Select-Object -First $size.SourceLeavers)
            for ($g = 0; $g -lt $size.SourceGroups; $g++) {
                $ids = @(for ($i = 0; $i -lt $leavers.Count; $i++) { if ($i % $size.SourceGroups -eq $g -or ($i + 1) % $size.SourceGroups -eq $g) { $leavers[$i].Id } })
                $null = New-Group ('Source {0:D2}' -f $g) $ids
            }
            # Each measurement on a fresh connection: nothing learned by one is spent by the other.
            $connect = {
                if ($shape.api) {
                    Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-SecureString $sourceToken -AsPlainText -Force) -ThrottleLimit $ThrottleLimit `
                        -ApiBaseUri $script:Emulator.ApiBaseUri -Workspace $script:Emulator.Workspace -ApiToken (ConvertTo-SecureString $script:Emulator.ApiToken -AsPlainText -Force) `
                        -ApiSecret (ConvertTo-SecureString $script:Emulator.ApiSecret -AsPlainText -Force)
                }
                else {
                    Connect-Bench $script:Emulator $sourceToken $ThrottleLimit
                }
                Reset-ModeScimEmulator $script:Emulator
            }
            # The members of one group first: a disable empties the groups (Mode's rule).
            & $connect
            $null = @(Get-ModeGroupMember 'Source 00')
            $memberRequests = (Get-ModeScimEmulatorStats $script:Emulator).total
            $journal = Join-Path $OutDir 'bench-sources-journal.jsonl'
            Remove-Item $journal -ErrorAction SilentlyContinue
            & $connect
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            # By userName, as from an HR export: each leaver is looked up, so a server that trims lookups shows its cost.
            $leavers.UserName | Disable-ModeUser -JournalPath $journal
            $watch.Stop()
            $stats = Get-ModeScimEmulatorStats $script:Emulator
            $records = @(Get-Content -LiteralPath $journal | ForEach-Object { $_ | ConvertFrom-Json })
            $read = @($records | ForEach-Object groupsSource | Select-Object -Unique)
            if ($records.Count -ne $leavers.Count -or "$read" -ne $shape.source -or @($records | Where-Object { @($_.groups).Count -ne [Math]::Min(2, $size.SourceGroups) }).Count -gt 0) {
                throw "membership-sources ($($shape.shape)): $($records.Count) records from '$read', not $($leavers.Count) from '$($shape.source)' with two groups each."
            }
            $rest = Get-RestRequests $stats
            $sourceBound = Get-SourceLowerBound $shape $leavers.Count $workspaceUsers.Count $size.SourceGroups
            $sources.Add([ordered]@{
                    shape                = $shape.shape
                    source               = $shape.source
                    users                = $everyone.Count
                    groups               = $size.SourceGroups
                    leavers              = $leavers.Count
                    disableMs            = [Math]::Round($watch.Elapsed.TotalMilliseconds, 1)
                    disableRequests      = $stats.total
                    disableRestRequests  = $rest
                    lowerBoundRequests   = $sourceBound
                    requestsPerLeaver    = [Math]::Round($stats.total / $leavers.Count, 2)
                    lowerBoundPerLeaver  = [Math]::Round($sourceBound / $leavers.Count, 2)
                    groupMembersRequests = $memberRequests
                })
            Write-Host ("membership     {0,-42} {1,-13} disable {2,6} req ({3} REST; lower bound {4}) {5,8} ms | one group's members {6,5} req" -f $shape.shape, $shape.source, $stats.total, $rest, $sourceBound, [Math]::Round($watch.Elapsed.TotalMilliseconds), $memberRequests)
            Disconnect-ModeScim
        }
        finally {
            Stop-ModeScimEmulator $script:Emulator
        }
    }
}

# list-users-saas: listing at a SaaS latency (300 ms a request, as across the internet to Mode) on both profiles, at
# -ThrottleLimit 4 and 8: how close the listing comes to the concurrency bound when latency, not CPU, dominates.
# Each listing is long and the compiler's share small, so a few runs after a short warm-up suffice.
foreach ($script:Profile in @(if (Test-Wanted 'list-users-saas') { 'full', 'minimal' })) {
    $saasToken = 'bench-' + [guid]::NewGuid().ToString('N')
    $script:Emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $saasToken -Seed $size.SaasUsers -ExtraArguments @('--latency-ms', $size.SaasLatencyMs, '--max-page-size', $pageSize, '--profile', $script:Profile)
    try {
        $saasWarmUp = [Math]::Min($WarmUpSeconds, 3)
        $pages = [Math]::Ceiling($size.SaasUsers / $pageSize)
        $fractions = [ordered]@{}
        $listings = @{}
        foreach ($limit in @(4, 8)) {
            Connect-Bench $script:Emulator $saasToken $limit
            $listings[$limit] = Measure-Scenario {} { @(Get-ModeUser).Count } -WarmUp -WarmUpFor $saasWarmUp
            # As list-users computes it: the first page alone, then the rest $limit at a time, each costing the latency.
            $bound = $size.SaasLatencyMs * (1 + [Math]::Ceiling(($pages - 1) / $limit))
            $fractions["$limit"] = [Math]::Round($bound / $listings[$limit].Ms, 2)
            Write-Host ("list-users-saas {0,-8} ThrottleLimit {1}: {2} ms against a bound of {3} ms ({4})" -f $script:Profile, $limit, $listings[$limit].Ms, $bound, $fractions["$limit"])
        }
        $naive = Measure-Scenario {} { Invoke-NaiveListing }
        Add-Result 'list-users-saas' $listings[8] $naive $pages
        $saas = $results[$results.Count - 1]
        $saas.users = $size.SaasUsers
        $saas.latencyMs = $size.SaasLatencyMs
        $saas.modescimMsAt4 = $listings[4].Ms
        $saas.boundFraction = $fractions
        Disconnect-ModeScim
    }
    finally {
        Stop-ModeScimEmulator $script:Emulator
    }
}

# access-report-rest: Get-ModeAccessReport with Mode's REST API connected, over a workspace of -RestAccounts users, on a
# fresh connection: with the lite members list served, without it, and without it or the Discovery API (where each
# account's email costs a request). One run each: the requests are exact, the time one sample.
#
# The lower bound is what the report must read. SCIM: ceil(N / p) pages of users and ceil(G / p) of groups with their
# members (the Groups column). REST, A accounts: ceil(A / p) pages of the full members list (the only one with
# managed_by_scim); each account's email: 1 request where the lite list is served (it is not paged), else one GET per
# account the Discovery API's members do not carry (the I pending invites it leaves out; all A where it is closed);
# the last engaged day where the Discovery API is open: 1 signature token + ceil((A - I) / 1000) pages of its members.
# Learning what is served (a 404, a 403) and looking past a full last page are not counted.
$script:Profile = 'full'
$accessVariants = @(if (Test-Wanted 'access-report-rest') {
        @{ memberships = 'both'; discovery = 'yes' }
        @{ memberships = 'full-only'; discovery = 'yes' }
        @{ memberships = 'full-only'; discovery = '403' }
    })
foreach ($variant in $accessVariants) {
    $restToken = 'bench-' + [guid]::NewGuid().ToString('N')
    $script:Emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $restToken -Seed $size.RestAccounts -TimeoutSec 120 -ExtraArguments @('--latency-ms', $LatencyMs, '--max-page-size', $pageSize, '--profile', 'full', '--api-rate-limit', '0', '--api-memberships', $variant.memberships, '--api-discovery', $variant.discovery)
    try {
        Connect-BenchApi $script:Emulator $restToken
        $accountStates = @((Get-ApiState $script:Emulator).accounts)
        $accounts = $accountStates.Count
        $invited = @($accountStates | Where-Object { $_.PSObject.Properties['invited'] -and $_.invited }).Count
        $users = [int](Invoke-Scim Get 'Users?count=1').totalResults
        $groups = [int](Invoke-Scim Get 'Groups?count=1&excludedAttributes=members').totalResults
        Reset-ModeScimEmulator $script:Emulator
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $rows = @(Get-ModeAccessReport)
        $watch.Stop()
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        # Every account is a row (SCIM's users and the invite SCIM does not list), each joined to its Mode account.
        $unjoined = @($rows | Where-Object { -not $_.ModeState }).Count
        if ($rows.Count -ne $accounts -or $unjoined -gt 0) {
            throw "access-report-rest ($($variant.memberships), Discovery $($variant.discovery)): $($rows.Count) rows for $accounts accounts, $unjoined without their Mode account."
        }
        $emails = if ($variant.memberships -eq 'both') { 1 } elseif ($variant.discovery -eq 'yes') { $invited } else { $accounts }
        $engagement = if ($variant.discovery -eq 'yes') { 1 + [Math]::Ceiling(($accounts - $invited) / 1000) } else { 0 }
        $restBound = [int]([Math]::Ceiling($accounts / $pageSize) + $emails + $engagement)
        $rest = Get-RestRequests $stats
        $results.Add([ordered]@{
                name                   = 'access-report-rest'
                profile                = $script:Profile
                apiMemberships         = $variant.memberships
                discoveryApi           = $variant.discovery
                accounts               = $accounts
                groups                 = $groups
                modescimMs             = [Math]::Round($watch.Elapsed.TotalMilliseconds, 1)
                requests               = $stats.total
                lowerBoundRequests     = [int]([Math]::Ceiling($users / $pageSize) + [Math]::Ceiling($groups / $pageSize)) + $restBound
                restRequests           = $rest
                restLowerBoundRequests = $restBound
                restSecondsAtModeRate  = Get-RestSeconds $rest
                restLowerBoundSecondsAtModeRate = Get-RestSeconds $restBound
            })
        $r = $results[$results.Count - 1]
        Write-Host ("access-report-rest memberships {0,-9} discovery {1,-3} {2,7} ms {3,6} req (lower bound {4}) | REST {5} (lower bound {6}): {7} s at Mode's rate" -f $variant.memberships, $variant.discovery, $r.modescimMs, $r.requests, $r.lowerBoundRequests, $rest, $restBound, $r.restSecondsAtModeRate)
        Disconnect-ModeScim
    }
    finally {
        Stop-ModeScimEmulator $script:Emulator
    }
}

# handover-rest: a leaver who made -HandoverCollections shared collections, disabled with -HandoverTo a successor
# (journal on) in a workspace of -RestAccounts users, on a fresh connection. Mode cannot transfer ownership, so the
# handover grants the successor edit access on each; checked afterwards in the emulator's REST state.
#
# The lower bound, A accounts, S collections in the workspace, C the leaver's: REST: ceil(A / p) pages of the full
# members list + 1 (the lite one, unpaged, for the emails), read once for the handover and the lockout check together
# (the lite list alone does not show whether an account is an invitation nobody accepted, so an admin invite would
# count as an admin who stays) + 1 (GET /api/account: whose credentials these are, for the lockout check) + ceil(S / p)
# pages of collections + C permission lists (a grant already in place is not repeated) + C grants. SCIM: 1 read of the
# leaver (with their groups, for the journal) + 1 PATCH.
if (Test-Wanted 'handover-rest') {
    $restToken = 'bench-' + [guid]::NewGuid().ToString('N')
    $script:Emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $restToken -Seed $size.RestAccounts -TimeoutSec 120 -ExtraArguments @('--latency-ms', $LatencyMs, '--max-page-size', $pageSize, '--profile', 'full', '--api-rate-limit', '0')
    try {
        Connect-BenchApi $script:Emulator $restToken
        # Two active people past the first two, whose personal collections the sample workspace fills with reports.
        $people = @(Get-ModeUser | Where-Object Active | Select-Object -Skip 10 -First 2)
        $leaver = $people[0]
        $successor = $people[1]
        $names = @(for ($c = 1; $c -le $size.HandoverCollections; $c++) { 'Bench Handover {0:D2}' -f $c })
        foreach ($name in $names) {
            $body = @{ creator = $leaver.UserName; collection = $name; personal = $false; reports = @("$name report") } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/api/content" -ContentType 'application/json' -Body $body
        }
        $before = Get-ApiState $script:Emulator
        $accounts = @($before.accounts).Count
        $spaces = @($before.spaces).Count
        $journal = Join-Path $OutDir 'bench-handover-journal.jsonl'
        Remove-Item $journal -ErrorAction SilentlyContinue
        Disconnect-ModeScim
        Connect-BenchApi $script:Emulator $restToken
        Reset-ModeScimEmulator $script:Emulator
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Disable-ModeUser $leaver.UserName -HandoverTo $successor.UserName -JournalPath $journal
        $watch.Stop()
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $after = Get-ApiState $script:Emulator
        $successorToken = ($after.accounts | Where-Object email -EQ $successor.UserName).member_token
        $granted = @($after.spaces | Where-Object { $names -contains $_.name } | Where-Object {
                @($_.permissions | Where-Object { $_.accessor_type -eq 'Account' -and $_.accessor_token -eq $successorToken -and $_.action -eq 'edit' }).Count -eq 1
            })
        $disabled = -not (Invoke-Scim Get "Users/$($leaver.Id)").active
        if ($granted.Count -ne $names.Count -or -not $disabled) {
            throw "handover-rest: the successor can edit $($granted.Count) of the leaver's $($names.Count) collections, and the leaver is $(if ($disabled) { '' } else { 'not ' })disabled."
        }
        $restBound = [int]([Math]::Ceiling($accounts / $pageSize) + 1 + 1 + [Math]::Ceiling($spaces / $pageSize) + 2 * $names.Count)
        $rest = Get-RestRequests $stats
        $results.Add([ordered]@{
                name                   = 'handover-rest'
                profile                = $script:Profile
                accounts               = $accounts
                collections            = $spaces
                handedOver             = $granted.Count
                modescimMs             = [Math]::Round($watch.Elapsed.TotalMilliseconds, 1)
                requests               = $stats.total
                lowerBoundRequests     = $restBound + 2
                restRequests           = $rest
                restLowerBoundRequests = $restBound
                restSecondsAtModeRate  = Get-RestSeconds $rest
                restLowerBoundSecondsAtModeRate = Get-RestSeconds $restBound
            })
        $r = $results[$results.Count - 1]
        Write-Host ("handover-rest  {0} collections to the successor {1,7} ms {2,6} req (lower bound {3}) | REST {4} (lower bound {5}): {6} s at Mode's rate" -f $granted.Count, $r.modescimMs, $r.requests, $r.lowerBoundRequests, $rest, $restBound, $r.restSecondsAtModeRate)
        Remove-Item $journal -ErrorAction SilentlyContinue
        Disconnect-ModeScim
    }
    finally {
        Stop-ModeScimEmulator $script:Emulator
    }
}

# memory: stream every user of a large workspace through the pipeline in a fresh process, -Runs times, and the same
# export written with Invoke-RestMethod. Medians are reported: a PowerShell process on its own peaks 8-10 MB higher in
# about one start in four on the build machine (measured with nothing but `$null` run), so one process is a sample of
# PowerShell's start as much as of the module.
$peakMb = $null
$peakRunsMb = @()
$naivePeakMb = $null
$naivePeakRunsMb = @()
function Measure-FreshPeak([string] $Command, [string] $Csv, [int] $Users) {
    $line = (& $childPowerShell -NoProfile -NonInteractive -Command $Command | Select-Object -Last 1)
    $parts = "$line".Split(' ')
    if ([int]$parts[0] -ne $Users) { throw "The memory run streamed $($parts[0]) users, not $Users." }
    Remove-Item -LiteralPath $Csv -ErrorAction SilentlyContinue
    [Math]::Round([double]$parts[1] / 1MB, 1)
}
if (Test-Wanted 'memory') {
    $memoryToken = 'bench-' + [guid]::NewGuid().ToString('N')
    $memoryEmulator = Start-ModeScimEmulator -EmulatorPath $EmulatorPath -Token $memoryToken -Seed $size.MemoryUsers -TimeoutSec 300
    try {
        # What an admin runs, every user into a CSV file, with default connection settings.
        $memoryCsv = Join-Path $OutDir 'memory-users.csv'
        $export = "Export-Csv -LiteralPath '$memoryCsv' -NoTypeInformation -Encoding UTF8; " +
            "`$peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64; `$count = -1; foreach (`$l in [System.IO.File]::ReadLines('$memoryCsv')) { `$count++ }; " +
            "[Console]::Out.WriteLine(`"`$count `$peak`")"
        $script = "Import-Module '$ModuleManifest'; Connect-ModeScim -BaseUri '$($memoryEmulator.BaseUri)' -Token (ConvertTo-SecureString '$memoryToken' -AsPlainText -Force); " +
            "Get-ModeUser | $export"
        # The naive export: the paging loop of list-users, each page's users written down the pipeline as they come.
        $naiveScript = "`$headers = @{ Authorization = 'Bearer $memoryToken' }; `$base = '$($memoryEmulator.BaseUri.TrimEnd('/'))/'; " +
            "& { `$start = 1; do { `$page = Invoke-RestMethod -Uri (`$base + 'Users?startIndex=' + `$start + '&count=$pageSize') -Headers `$headers; `$page.Resources; " +
            "`$start += @(`$page.Resources).Count } while (@(`$page.Resources).Count -gt 0 -and `$start -le `$page.totalResults) } | $export"
        for ($run = 0; $run -lt $Runs; $run++) {
            $peakRunsMb += Measure-FreshPeak $script $memoryCsv $size.MemoryUsers
            $naivePeakRunsMb += Measure-FreshPeak $naiveScript $memoryCsv $size.MemoryUsers
        }
        $peakMb = Get-Median $peakRunsMb
        $naivePeakMb = Get-Median $naivePeakRunsMb
        Write-Host ("memory         {0} users streamed into a CSV file, peak working set {1} MB (median of {2}: {3}) | naive {4} MB ({5})" -f $size.MemoryUsers, $peakMb, $Runs, ($peakRunsMb -join ', '), $naivePeakMb, ($naivePeakRunsMb -join ', '))
    }
    finally {
        Stop-ModeScimEmulator $memoryEmulator
    }
}

# importMs: a fresh process importing the module, minus the same process start without it.
$importMs = $null
if (Test-Wanted 'import') {
    $with = @()
    $without = @()
    for ($i = 0; $i -lt $size.ImportRuns; $i++) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        & $childPowerShell -NoProfile -NonInteractive -Command '$null' | Out-Null
        $without += $watch.Elapsed.TotalMilliseconds
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        & $childPowerShell -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'" | Out-Null
        $with += $watch.Elapsed.TotalMilliseconds
    }
    $importMs = [Math]::Round([Math]::Max(0, (Get-Median $with) - (Get-Median $without)), 1)
    Write-Host "import         $importMs ms"
}

$report = [ordered]@{
    latencyMs     = $LatencyMs
    warmUpSeconds = $WarmUpSeconds
    scenarios     = $results.ToArray()
    memory        = [ordered]@{
        users                     = $size.MemoryUsers
        peakWorkingSetMb          = $peakMb
        peakWorkingSetRunsMb      = @($peakRunsMb)
        naivePeakWorkingSetMb     = $naivePeakMb
        naivePeakWorkingSetRunsMb = @($naivePeakRunsMb)
    }
    importMs      = $importMs
    membershipSources = $sources.ToArray()
}
$report | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath (Join-Path $OutDir 'results.json') -Encoding UTF8

$markdown = New-Object System.Collections.Generic.List[string]
$markdown.Add("# ModeScim benchmark ($(if ($Smoke) { 'smoke sizes' } else { 'full sizes' }), emulator latency $LatencyMs ms, $Runs runs each after $WarmUpSeconds s of warm-up, -ThrottleLimit $ThrottleLimit)")
$markdown.Add('')
$markdown.Add('| Scenario | Server | ModeScim ms | Naive ms | Speed-up | Requests | Naive requests | Lower bound |')
$markdown.Add('|---|---|---:|---:|---:|---:|---:|---:|')
$restNames = @('nightly', 'access-report-rest', 'handover-rest')
foreach ($r in @($results | Where-Object { $restNames -notcontains $_.name })) {
    $markdown.Add("| $($r.name) | $($r.profile) | $($r.modescimMs) | $($r.naiveMs) | $($r.speedup)x | $($r.requests) | $($r.naiveRequests) | $($r.lowerBoundRequests) |")
}
$markdown.Add('')
foreach ($r in @($results | Where-Object { $_.name -eq 'list-users-saas' })) {
    $markdown.Add("list-users-saas ($($r.profile), $($r.users) users at $($r.latencyMs) ms): boundFraction $($r.boundFraction['4']) at -ThrottleLimit 4 ($($r.modescimMsAt4) ms), $($r.boundFraction['8']) at 8 ($($r.modescimMs) ms).")
}
$restResults = @($results | Where-Object { $_.name -eq 'access-report-rest' -or $_.name -eq 'handover-rest' })
if ($restResults.Count -gt 0) {
    $markdown.Add('')
    $markdown.Add("| REST scenario | Server | Accounts | ModeScim ms | Requests | Lower bound | REST requests | REST lower bound | REST s at Mode's rate | Lower bound s |")
    $markdown.Add('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($r in $restResults) {
        $server = if ($r.name -eq 'access-report-rest') { "memberships $($r.apiMemberships), Discovery API $($r.discoveryApi)" } else { "$($r.handedOver) collections handed over" }
        $markdown.Add("| $($r.name) | $server | $($r.accounts) | $($r.modescimMs) | $($r.requests) | $($r.lowerBoundRequests) | $($r.restRequests) | $($r.restLowerBoundRequests) | $($r.restSecondsAtModeRate) | $($r.restLowerBoundSecondsAtModeRate) |")
    }
}
$markdown.Add('')
$markdown.Add('| Nightly job | Server | Users | Created | Updated | Disabled | ModeScim ms | Requests | Lower bound | Peak working set MB |')
$markdown.Add('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
foreach ($r in @($results | Where-Object { $_.name -eq 'nightly' })) {
    $markdown.Add("| nightly | $($r.profile) | $($r.users) | $($r.changes.created) | $($r.changes.updated) | $($r.changes.disabled) | $($r.modescimMs) | $($r.requests) | $($r.lowerBoundRequests) | $($r.peakWorkingSetMb) |")
}
$markdown.Add('')
if ($sources.Count -gt 0) {
    $markdown.Add("| Membership source | Server | Leavers | Groups | Users | Disable requests | of them REST | Lower bound | Per leaver | Bound per leaver | Disable ms | One group's members: requests |")
    $markdown.Add('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    foreach ($r in $sources) {
        $markdown.Add("| $($r.source) | $($r.shape) | $($r.leavers) | $($r.groups) | $($r.users) | $($r.disableRequests) | $($r.disableRestRequests) | $($r.lowerBoundRequests) | $($r.requestsPerLeaver) | $($r.lowerBoundPerLeaver) | $($r.disableMs) | $($r.groupMembersRequests) |")
    }
    $markdown.Add('')
}
if ($null -ne $peakMb) { $markdown.Add("Memory: $($size.MemoryUsers) users streamed through Get-ModeUser | Export-Csv, peak working set $peakMb MB (median of fresh processes: $($peakRunsMb -join ', ') MB); the Invoke-RestMethod loop, $naivePeakMb MB ($($naivePeakRunsMb -join ', ') MB).") }
if ($null -ne $importMs) { $markdown.Add("Import: $importMs ms (fresh process with Import-Module, minus one without).") }
if ($wanted.Count -gt 0) { $markdown.Add("Only these scenarios were run: $($wanted -join ', ').") }
$markdown | Set-Content -LiteralPath (Join-Path $OutDir 'results.md') -Encoding UTF8
Write-Host "Results: $(Join-Path $OutDir 'results.md')"
