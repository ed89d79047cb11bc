BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 100
    Connect-TestEmulator -Emulator $script:Emulator

    # The desired set: every active user but the given leavers, plus the given joiners.
    function New-DesiredSet {
        param([int] $Leavers = 3, [string[]] $Joiners = @())
        $active = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | Where-Object active | Sort-Object userName)
        $rows = @($active | Select-Object -Skip $Leavers | ForEach-Object { [pscustomobject]@{ UserName = $_.userName } })
        $rows += @($Joiners | ForEach-Object { [pscustomobject]@{ UserName = $_; Email = $_; GivenName = 'New'; FamilyName = 'Joiner' } })
        [pscustomobject]@{ Rows = $rows; Leavers = @($active | Select-Object -First $Leavers) }
    }

    # The SHA-256 of the plan's own text, computed here from the file, not by the module.
    function Get-PlanHash([string] $Path) {
        $text = [System.IO.File]::ReadAllText($Path)
        $start = $text.IndexOf('"plan": ') + '"plan": '.Length
        $end = $text.LastIndexOf('}', $text.LastIndexOf('}') - 1) + 1
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($text.Substring($start, $end - $start))
        $sha = [System.Security.Cryptography.SHA256]::Create()
        -join ($sha.ComputeHash($bytes) | ForEach-Object { $_.ToString('x2') })
    }

    function Get-MutatingRequests { [int](Get-EmulatorStats -Emulator $script:Emulator).mutating }

    function Get-JournalEntries([string] $Path) { @(Get-Content -LiteralPath $Path | ForEach-Object { $_ | ConvertFrom-Json }) }

    # A fresh workspace and an empty folder for one test's plan, its summary and its journal.
    function Initialize-PlanWork([string] $PlanName) {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-plan-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Work
        $script:Plan = Join-Path $script:Work $PlanName
        $script:Journal = Join-Path $script:Work 'journal.jsonl'
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Sync-ModeUser -PlanPath and Invoke-ModePlan' {
    BeforeEach {
        Initialize-PlanWork 'plan.json'
        $script:Desired = New-DesiredSet -Leavers 3 -Joiners 'joiner1@example.com'
        Reset-ModeScimEmulator $script:Emulator
    }
    AfterEach { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue }

    It 'plans without sending a change, and writes a plan whose hash checks and a summary beside it' {
        $saved = $script:Desired.Rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan -JournalPath $script:Journal

        Get-MutatingRequests | Should -Be 0
        $saved.Saved | Should -BeTrue
        $saved.Disable | Should -Be 3
        $saved.Create | Should -Be 1
        $json = Get-Content -LiteralPath $script:Plan -Raw | ConvertFrom-Json
        $json.sha256 | Should -Be (Get-PlanHash $script:Plan)
        $saved.Sha256 | Should -Be $json.sha256
        $json.plan.kind | Should -Be 'Sync-ModeUser'
        @($json.plan.changes | Where-Object action -eq 'Disable').userId | Sort-Object | Should -Be (@($script:Desired.Leavers.id) | Sort-Object)
        ($json.plan.changes | Where-Object action -eq 'Disable' | Select-Object -First 1).read.active | Should -BeTrue
        $summary = Get-Content -LiteralPath (Join-Path $script:Work 'plan.md') -Raw
        $summary | Should -Match $json.sha256
        $summary | Should -Match 'Every guard held'
        Test-Path -LiteralPath $script:Journal | Should -BeFalse
    }

    It 'applies the plan, journals each change under the plan, and changes nothing when applied a second time' {
        $null = $script:Desired.Rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan
        $planId = (Get-Content -LiteralPath $script:Plan -Raw | ConvertFrom-Json).plan.id

        $first = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal
        $first.Disabled.Count | Should -Be 3
        $first.Created | Should -Be 'joiner1@example.com'
        foreach ($leaver in $script:Desired.Leavers) { (Get-EmulatorUser -Emulator $script:Emulator -Id $leaver.id).active | Should -BeFalse }
        $entries = Get-JournalEntries $script:Journal
        @($entries | Where-Object action -eq 'PlanApply').Count | Should -Be 1
        @($entries | Where-Object action -eq 'Disable' | Where-Object { $_.plan.id -eq $planId }).Count | Should -Be 3

        Reset-ModeScimEmulator $script:Emulator
        $second = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal
        Get-MutatingRequests | Should -Be 0
        $second.Disabled.Count + $second.Created.Count | Should -Be 0
        $second.Unchanged | Should -Be 4
        $second.Failed.Count | Should -Be 0
        @(Get-JournalEntries $script:Journal).Count | Should -Be $entries.Count
    }

    It 'refuses a user changed since the plan with ModeScim.PlanDrift and applies the others' {
        $null = $script:Desired.Rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan
        $moved = $script:Desired.Leavers[0]
        Rename-EmulatorUser -Emulator $script:Emulator -Id $moved.id -UserName 'someone.else@example.com'

        $errors = Get-ErrorRecords { $script:result = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal }

        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ModeScim.PlanDrift,*' }).Count | Should -Be 1
        $errors[0].Exception.Message | Should -Match 'someone.else@example.com'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $moved.id).active | Should -BeTrue
        foreach ($leaver in $script:Desired.Leavers[1..2]) { (Get-EmulatorUser -Emulator $script:Emulator -Id $leaver.id).active | Should -BeFalse }
        $script:result.Disabled.Count | Should -Be 2
        @($script:result.Failed | Where-Object Change -eq 'Disable').Count | Should -Be 1
    }

    It 'saves a plan past -MaxDisable marked as such, refuses it without -Force, and applies it with -Force' {
        $desired = New-DesiredSet -Leavers 10
        $saved = $desired.Rows | Sync-ModeUser -DisableMissing -MaxDisable 5 -PlanPath $script:Plan -WarningAction SilentlyContinue
        $saved.GuardsExceeded.Count | Should -Be 1
        Get-Content -LiteralPath (Join-Path $script:Work 'plan.md') -Raw | Should -Match 'EXCEEDED'

        { Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal } | Should -Throw -ErrorId 'ModeScim.PlanGuardExceeded,*'
        Get-MutatingRequests | Should -Be 0

        $applied = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal -Force -WarningAction SilentlyContinue
        $applied.Disabled.Count | Should -Be 10
        foreach ($leaver in $desired.Leavers) { (Get-EmulatorUser -Emulator $script:Emulator -Id $leaver.id).active | Should -BeFalse }
    }

    It 'refuses a plan changed after it was made, before any request' {
        $null = $script:Desired.Rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan
        $text = [System.IO.File]::ReadAllText($script:Plan)
        [System.IO.File]::WriteAllText($script:Plan, $text.Replace($script:Desired.Leavers[0].id, $script:Desired.Leavers[0].id + 'x'))
        Reset-ModeScimEmulator $script:Emulator

        { Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal } | Should -Throw -ErrorId 'ModeScim.PlanTampered,*'
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
    }

    It 'refuses a plan older than -MaxAge' {
        $null = $script:Desired.Rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan
        # Made two days ago: the date is rewritten and the hash made again, as only a forger could.
        $text = [System.IO.File]::ReadAllText($script:Plan)
        $json = $text | ConvertFrom-Json
        $old = $json.plan.createdAt
        $text = $text.Replace($old.ToString('o').Substring(0, 19), $old.AddDays(-2).ToString('o').Substring(0, 19))
        [System.IO.File]::WriteAllText($script:Plan, $text)
        $text = $text.Replace($json.sha256, (Get-PlanHash $script:Plan))
        [System.IO.File]::WriteAllText($script:Plan, $text)

        { Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal } | Should -Throw -ErrorId 'ModeScim.PlanExpired,*'
        Get-MutatingRequests | Should -Be 0
        $applied = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal -MaxAge (New-TimeSpan -Days 3)
        $applied.Disabled.Count | Should -Be 3
    }

    It '-WhatIf past a guard shows every change, then says a real run would be refused, and changes nothing' {
        $desired = New-DesiredSet -Leavers 12
        $script:errors = @()
        $text = Get-HostText {
            $script:errors = Get-ErrorRecords { $desired.Rows | Sync-ModeUser -DisableMissing -MaxDisable 5 -JournalPath $script:Journal -WhatIf }
        }

        @($script:errors | Where-Object { $_.FullyQualifiedErrorId -like 'ModeScim.DisableThresholdExceeded,*' }).Count | Should -Be 1
        $script:errors[0].Exception.Message | Should -Match 'real run would be refused'
        foreach ($leaver in $desired.Leavers) { $text | Should -Match ([regex]::Escape($leaver.userName)) }
        Test-Path -LiteralPath $script:Journal | Should -BeFalse
        Get-MutatingRequests | Should -Be 0
    }

    It 'escapes names in the summary so they can neither format it nor act as a pipeline command' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName '##vso[task.setvariable variable=x]|[a](b)@example.com'
        $desired = New-DesiredSet -Leavers 0
        $rows = @($desired.Rows | Where-Object UserName -notlike '##vso*')
        $null = $rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan

        $summary = Get-Content -LiteralPath (Join-Path $script:Work 'plan.md') -Raw
        $summary | Should -Not -Match '##vso\['
        $summary | Should -Match ([regex]::Escape('\#\#vso\[task'))
        $summary | Should -Not -Match '(?<!\\)\]\('
    }
}

Describe 'Sync-ModeGroup -PlanPath and Invoke-ModePlan' {
    BeforeEach {
        Initialize-PlanWork 'groups.json'
        $script:Users = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | Select-Object -First 6)
        $script:Group = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Plan Analysts' -MemberIds $script:Users[0..2].id
        Reset-ModeScimEmulator $script:Emulator
    }
    AfterEach { Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue }

    It 'plans member changes without sending any, applies them, and changes nothing the second time' {
        $saved = Sync-ModeGroup -Group 'Plan Analysts' -Member $script:Users[1..4].userName -PlanPath $script:Plan

        Get-MutatingRequests | Should -Be 0
        $saved.GroupAdd | Should -Be 2
        $saved.GroupRemove | Should -Be 1

        $result = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal
        $result.Added.Count | Should -Be 2
        $result.Removed.Count | Should -Be 1
        @(Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:Group.id | Sort-Object) | Should -Be (@($script:Users[1..4].id) | Sort-Object)
        @(Get-JournalEntries $script:Journal | Where-Object { $_.action -in 'GroupAdd', 'GroupRemove' -and $_.plan.id }).Count | Should -Be 3

        Reset-ModeScimEmulator $script:Emulator
        $again = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal
        Get-MutatingRequests | Should -Be 0
        $again.Unchanged | Should -Be 3
    }

    It 'refuses every change of a group renamed since the plan with ModeScim.PlanDrift' {
        $null = Sync-ModeGroup -Group 'Plan Analysts' -Member $script:Users[1..4].userName -PlanPath $script:Plan
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Groups/$($script:Group.id)" -Body @{
            schemas    = @('urn:ietf:params:scim:api:messages:2.0:PatchOp')
            Operations = @(@{ op = 'replace'; path = 'displayName'; value = 'Plan Analysts (old)' })
        }
        Reset-ModeScimEmulator $script:Emulator

        $errors = Get-ErrorRecords { $null = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal }

        @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ModeScim.PlanDrift,*' }).Count | Should -Be 3
        Get-MutatingRequests | Should -Be 0
    }
}

Describe 'A saved plan and the lockout guard' {
    BeforeEach {
        Initialize-PlanWork 'plan.json'
        $script:Owner = New-EmulatorUser -Emulator $script:Emulator -UserName 'owner@example.com'
        # The REST credentials in use are the leaver's own: they would die with the account.
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/api/token-owner" -ContentType 'application/json' `
            -Body (@{ owner = 'owner@example.com' } | ConvertTo-Json)
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
        $script:Rows = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users |
            Where-Object { $_.active -and $_.userName -ne 'owner@example.com' } | ForEach-Object { [pscustomobject]@{ UserName = $_.userName } })
        Reset-ModeScimEmulator $script:Emulator
    }
    AfterEach {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/api/token-owner" -ContentType 'application/json' `
            -Body (@{ owner = $null } | ConvertTo-Json)
        Connect-TestEmulator -Emulator $script:Emulator
        Remove-Item -LiteralPath $script:Work -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'records the lockout guard as exceeded, refuses the plan without -Force, and applies it with -Force' {
        $saved = $script:Rows | Sync-ModeUser -DisableMissing -PlanPath $script:Plan -WarningAction SilentlyContinue
        @($saved.GuardsExceeded | Where-Object { $_ -like 'Lockout*' }).Count | Should -Be 1
        Get-Content -LiteralPath (Join-Path $script:Work 'plan.md') -Raw | Should -Match 'owner@example\.com'
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0

        { Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal } | Should -Throw -ErrorId 'ModeScim.PlanGuardExceeded,*'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:Owner.id).active | Should -BeTrue

        $applied = Invoke-ModePlan -Path $script:Plan -JournalPath $script:Journal -Force -WarningVariable warned -WarningAction SilentlyContinue
        $applied.Disabled | Should -Be 'owner@example.com'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:Owner.id).active | Should -BeFalse
        "$warned" | Should -Match 'owner@example.com'
    }
}
