BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 200
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Get-ModeGroup' {
    It 'lists every group with its members' {
        $groups = @(Get-ModeGroup)

        $groups.Count | Should -Be 12
        $groups[0] | Should -BeOfType 'ModeScim.PowerShell.Models.ModeGroup'
        ($groups | Measure-Object MemberCount -Sum).Sum | Should -BeGreaterThan 0
    }

    It 'leaves member lists out with -ExcludeMembers' {
        $groups = @(Get-ModeGroup -ExcludeMembers)
        $groups | ForEach-Object { $_.MemberCount | Should -BeNullOrEmpty }
    }

    It 'finds a group by displayName ignoring case, and by id, as a parameter and from the pipeline' {
        $finance = Get-ModeGroup -Identity 'FINANCE'

        $finance.DisplayName | Should -Be 'Finance'
        (Get-ModeGroup $finance.Id).DisplayName | Should -Be 'Finance'
        ('Finance' | Get-ModeGroup).Id | Should -Be $finance.Id
        ($finance | Get-ModeGroup).Id | Should -Be $finance.Id
    }

    It 'matches a wildcard given positionally as -DisplayName does, with one listing for all patterns' {
        $expected = @(Get-ModeGroup -DisplayName '*S' -ExcludeMembers | ForEach-Object DisplayName)
        Reset-ModeScimEmulator $script:Emulator

        $matched = @(Get-ModeGroup '*S' -ExcludeMembers).DisplayName
        $both = @(Get-ModeGroup 'Fin*', '*S' -ExcludeMembers).DisplayName

        $expected.Count | Should -BeGreaterThan 2
        $matched | Should -Be $expected
        $both | Should -Contain 'Finance'
        $both.Count | Should -Be ($expected.Count + 1)
        (Get-ModeScimEmulatorStats $script:Emulator).routes.'GET Groups' | Should -Be 2
    }

    It 'matches -DisplayName wildcards' {
        $expected = @(Get-ModeGroup -ExcludeMembers | Where-Object DisplayName -like '*S' | ForEach-Object DisplayName)

        $matched = @(Get-ModeGroup -DisplayName '*S').DisplayName

        $expected.Count | Should -BeGreaterThan 2
        $matched | Should -Be $expected
    }

    It 'finds the groups of a -DisplayName array, each once, and reports a name nobody has as ModeScim.GroupNotFound' {
        $script:found = @()

        $errors = Get-ErrorRecords { $script:found = @(Get-ModeGroup -DisplayName 'Sales', 'Fin*', 'Ghosts', 'finance' -ExcludeMembers) }

        @($script:found.DisplayName | Sort-Object) | Should -Be 'Finance', 'Sales'
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupNotFound,ModeScim.PowerShell.Commands.GetModeGroupCommand'
        $errors.TargetObject | Should -Be 'Ghosts'
    }

    It 'passes a SCIM filter to the server' {
        @(Get-ModeGroup -Filter 'displayName sw "Data"').DisplayName | Should -Be 'Data Engineering'
    }

    It 'reports a missing group as ModeScim.GroupNotFound and goes on' {
        $found = @()
        $errors = Get-ErrorRecords { $script:found = @('Ghosts', 'Sales' | Get-ModeGroup) }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupNotFound,ModeScim.PowerShell.Commands.GetModeGroupCommand'
        $script:found.DisplayName | Should -Be 'Sales'
    }

    It 'formats groups as a table that fits 120 columns' {
        $lines = (Get-ModeGroup | Format-Table | Out-String -Width 200) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -BeLike 'DisplayName*Members*Id*'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
    }
}
