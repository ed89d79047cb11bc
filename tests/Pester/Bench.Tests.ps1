# The benchmark is not a test: this only proves it still runs end to end at tiny sizes and writes the
# documented JSON. No timing is asserted.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:OutDir = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-bench-' + [guid]::NewGuid().ToString('N'))
}

AfterAll {
    Remove-Item $script:OutDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The benchmark' -Tag 'Slow' {
    It 'runs any subset of scenarios, each setting up what it reads' {
        $pwsh = Join-Path $PSHOME 'pwsh'
        $subset = Join-Path $script:OutDir 'subset'
        & $pwsh -NoProfile -NonInteractive -File (Join-Path $script:RepoRoot 'build/Invoke-Benchmark.ps1') `
            -ModuleManifest $script:ModuleManifest -EmulatorPath $script:EmulatorPath -OutDir $subset -Smoke -LatencyMs 2 -Runs 1 `
            -Scenario 'group-members' | Out-Null

        $LASTEXITCODE | Should -Be 0
        $json = Get-Content -LiteralPath (Join-Path $subset 'results.json') -Raw | ConvertFrom-Json
        @($json.scenarios | ForEach-Object name | Select-Object -Unique) | Should -Be @('group-members')
        @($json.scenarios | Where-Object name -EQ 'group-members' | ForEach-Object requests) | Should -Not -Contain 0
    }

    It 'runs at smoke sizes and writes results.json and results.md of the documented shape' {
        $pwsh = Join-Path $PSHOME 'pwsh'
        & $pwsh -NoProfile -NonInteractive -File (Join-Path $script:RepoRoot 'build/Invoke-Benchmark.ps1') `
            -ModuleManifest $script:ModuleManifest -EmulatorPath $script:EmulatorPath -OutDir $script:OutDir -Smoke -LatencyMs 2 -Runs 1 | Out-Null

        $LASTEXITCODE | Should -Be 0
        $json = Get-Content -LiteralPath (Join-Path $script:OutDir 'results.json') -Raw | ConvertFrom-Json
        $json.latencyMs | Should -Be 2
        $json.warmUpSeconds | Should -Be 0
        $names = @('list-users', 'sync-group', 'disable-users', 'group-members', 'nightly', 'list-users-saas')
        $restNames = @('access-report-rest', 'access-report-rest', 'access-report-rest', 'handover-rest')
        @($json.scenarios | Where-Object profile -EQ 'full' | ForEach-Object name) | Should -Be ($names + $restNames)
        @($json.scenarios | Where-Object profile -EQ 'minimal' | ForEach-Object name) | Should -Be $names
        foreach ($scenario in $json.scenarios) {
            $fields = if ($scenario.name -eq 'nightly') { 'modescimMs', 'requests', 'lowerBoundRequests', 'peakWorkingSetMb' }
            elseif ($restNames -contains $scenario.name) {
                'modescimMs', 'requests', 'lowerBoundRequests', 'restRequests', 'restLowerBoundRequests', 'restSecondsAtModeRate'
            }
            else { 'modescimMs', 'naiveMs', 'speedup', 'requests', 'naiveRequests', 'lowerBoundRequests' }
            foreach ($field in @('profile') + $fields) {
                $scenario.PSObject.Properties.Name | Should -Contain $field
            }
            $scenario.requests | Should -BeGreaterThan 0
        }
        foreach ($list in @($json.scenarios | Where-Object { $_.name -eq 'list-users' -or $_.name -eq 'list-users-saas' })) {
            @($list.boundFraction.PSObject.Properties.Name) | Should -Be @('4', '8')
            $list.boundFraction.'8' | Should -BeGreaterThan 0
        }
        # At a SaaS latency the listing still reads each page once: at most one more, the look past a full last page.
        foreach ($saas in @($json.scenarios | Where-Object name -EQ 'list-users-saas')) {
            $saas.requests | Should -BeGreaterOrEqual $saas.lowerBoundRequests
            $saas.requests | Should -BeLessOrEqual ($saas.lowerBoundRequests + 1)
        }
        # The access report reads what its columns need and at most four more: on SCIM the look past a full last page
        # of users and the group side's read past its count; on REST a 404 that teaches the lite list is not served,
        # and a 403 that teaches the Discovery API is closed or, where it is open, the look past a full last page of
        # its members. Each REST request is priced at Mode's pace (40 per 10 s).
        $reports = @($json.scenarios | Where-Object name -EQ 'access-report-rest')
        @($reports | ForEach-Object { "$($_.apiMemberships)/$($_.discoveryApi)" }) | Should -Be @('both/yes', 'full-only/yes', 'full-only/403')
        foreach ($report in $reports) {
            $report.requests | Should -BeGreaterOrEqual $report.lowerBoundRequests
            $report.requests | Should -BeLessOrEqual ($report.lowerBoundRequests + 4)
            $report.restRequests | Should -BeLessOrEqual ($report.restLowerBoundRequests + 2)
            $report.restSecondsAtModeRate | Should -Be ([Math]::Round($report.restRequests / 4, 1))
        }
        # Without the lite list or the Discovery API every account's email costs a request.
        ($reports | Where-Object discoveryApi -EQ '403').restRequests | Should -BeGreaterThan ($reports[0].accounts)
        # The handover (checked by the benchmark in the REST state) makes no request per collection beyond its
        # permissions' read and the grant, and reads the members once for itself and the lockout check together.
        $handover = $json.scenarios | Where-Object name -EQ 'handover-rest'
        $handover.handedOver | Should -Be 4
        $handover.requests | Should -BeGreaterOrEqual $handover.lowerBoundRequests
        $handover.requests | Should -BeLessOrEqual ($handover.lowerBoundRequests + 1)
        # The nightly job on a full server makes the requests it must and at most two more (the look past each
        # listing's full last page).
        $nightly = $json.scenarios | Where-Object { $_.profile -eq 'full' -and $_.name -eq 'nightly' }
        $nightly.requests | Should -BeGreaterOrEqual $nightly.lowerBoundRequests
        $nightly.requests | Should -BeLessOrEqual ($nightly.lowerBoundRequests + 2)
        # The fallbacks stay bounded: on minimal a group sync lists the users once instead of one lookup per
        # desired name, and disabling piped users reads the group side once, not once per user.
        $minimalSync = $json.scenarios | Where-Object { $_.profile -eq 'minimal' -and $_.name -eq 'sync-group' }
        # Two over the bound: one request learns that "or" is refused, and the listing reads one page past its
        # full last page (a server's count is not trusted to be right).
        $minimalSync.requests | Should -BeLessOrEqual ($minimalSync.lowerBoundRequests + 2)
        $fullDisable = $json.scenarios | Where-Object { $_.profile -eq 'full' -and $_.name -eq 'disable-users' }
        $minimalDisable = $json.scenarios | Where-Object { $_.profile -eq 'minimal' -and $_.name -eq 'disable-users' }
        # On minimal a deactivation answered with a bare 204 is read back (one GET each), and where "or" is refused the
        # users are read one GET each (20 smoke users: below the 20 a listing is weighed against): at most two requests
        # a user, and the refused batch, more than on full.
        $smokeUsers = 20
        $minimalDisable.requests | Should -BeLessOrEqual ($fullDisable.requests + 2 * $smokeUsers + 3)
        $fullDisable.requests | Should -BeLessOrEqual ($fullDisable.lowerBoundRequests + 2)
        $json.memory.users | Should -Be 2000
        $json.memory.peakWorkingSetMb | Should -BeGreaterThan 0
        # One fresh process a run (-Runs 1 here): its figure is the median reported.
        @($json.memory.peakWorkingSetRunsMb) | Should -Be @($json.memory.peakWorkingSetMb)
        @($json.memory.naivePeakWorkingSetRunsMb) | Should -Be @($json.memory.naivePeakWorkingSetMb)
        $json.memory.naivePeakWorkingSetMb | Should -BeGreaterThan 0
        $json.importMs | Should -BeGreaterOrEqual 0
        # Each shape of server read its leavers' groups from the source expected of it (the benchmark throws otherwise),
        # and only the REST shape asked Mode's REST API.
        @($json.membershipSources | ForEach-Object source) | Should -Be @('userAttribute', 'userAttribute', 'groups', 'groupFilter', 'groupFilter', 'modeApi')
        # Each source makes the requests its bound counts and at most twice as many: at these sizes (10 leavers, 8 groups)
        # what learning a server costs (the probe of users' groups, refused forms, the checks of a group filter, a look
        # past a full page) is a fixed few requests against bounds of 11-104, and with the REST API the members lists
        # are read twice in full where one lite request would serve (docs/performance.md). Where users carry their
        # groups nothing needs learning.
        foreach ($source in $json.membershipSources) {
            $source.disableRequests | Should -BeGreaterThan $source.leavers
            ($source.disableRestRequests -gt 0) | Should -Be ($source.source -eq 'modeApi')
            $source.disableRequests | Should -BeGreaterOrEqual $source.lowerBoundRequests
            $source.disableRequests | Should -BeLessOrEqual (2 * $source.lowerBoundRequests)
            $source.requestsPerLeaver | Should -Be ([Math]::Round($source.disableRequests / $source.leavers, 2))
        }
        $withGroups = $json.membershipSources | Where-Object shape -EQ 'full'
        $withGroups.disableRequests | Should -Be $withGroups.lowerBoundRequests
        Join-Path $script:OutDir 'results.md' | Should -Exist
    }

    It 'runs only the scenarios named with -Scenario' {
        $pwsh = Join-Path $PSHOME 'pwsh'
        $out = Join-Path $script:OutDir 'only'
        & $pwsh -NoProfile -NonInteractive -File (Join-Path $script:RepoRoot 'build/Invoke-Benchmark.ps1') `
            -ModuleManifest $script:ModuleManifest -EmulatorPath $script:EmulatorPath -OutDir $out -Smoke -LatencyMs 2 -Runs 1 -Scenario 'import' | Out-Null

        $LASTEXITCODE | Should -Be 0
        $json = Get-Content -LiteralPath (Join-Path $out 'results.json') -Raw | ConvertFrom-Json
        @($json.scenarios).Count | Should -Be 0
        $json.importMs | Should -BeGreaterOrEqual 0
        @($json.membershipSources).Count | Should -Be 0
        $json.memory.peakWorkingSetMb | Should -BeNullOrEmpty
    }
}
