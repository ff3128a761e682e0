<?php
// Bench-only: the labels and option lists the child's file shows (the
// portal's label tables for these codes)
declare(strict_types=1);

const SITUATION = [
    'normal' => '正常', 'dead' => '死亡', 'missing' => '失踪（下落不明）', 'disabled' => '重度残疾',
    'ill' => '重病', 'imprisoned' => '服刑在押', 'drug_treatment' => '强制隔离戒毒',
    'working_away' => '外出务工', 'revoked' => '被撤销监护资格', 'deported' => '被遣送（驱逐）出境',
    'other' => '其他',
];
const EXIT_REASON = [
    'released' => '父母刑满释放或戒毒期满', 'found' => '父母已找到',
    'adult' => '年满十八周岁（或十八周岁后离校）', 'adopted' => '被依法收养',
    'guardian_able' => '监护人恢复履行监护能力', 'death' => '死亡', 'moved' => '迁出本县',
    'ineligible' => '不再符合条件', 'other' => '其他',
];
const DISABILITY = [
    'visual' => '视力残疾', 'hearing' => '听力残疾', 'speech' => '言语残疾', 'physical' => '肢体残疾',
    'intellectual' => '智力残疾', 'mental' => '精神残疾', 'multiple' => '多重残疾',
];
const GRADE = ['1' => '一级', '2' => '二级', '3' => '三级', '4' => '四级'];
const ATTACHMENT_KINDS = ['死亡证明', '残疾证', '诊断证明', '判决书', '低保证', '户口簿', '其他'];
const MODULE_TITLE = [
    'registry' => '儿童台账', 'living' => '基本生活保障', 'medical' => '医疗保障',
    'education' => '教育保障', 'volunteer' => '社会力量服务', 'guardianship' => '监护与安全保护',
    'rehab' => '残疾儿童康复', 'village' => '儿童主任', 'payments' => '支付台账',
    'privacy' => '信息共享登记', 'supervision' => '督查考核',
];
const LIVING_RATE = [
    'orphan:institutional' => '孤儿基本生活费（机构）', 'orphan:scattered' => '孤儿基本生活费（散居）',
    'de_facto_unsupported:scattered' => '事实无人抚养儿童生活补贴（散居）',
    'de_facto_unsupported:institutional' => '事实无人抚养儿童生活补贴（机构）',
    'tekun:basic' => '特困人员基本生活费', 'dibao:urban' => '城市低保', 'dibao:rural' => '农村低保',
    'temporary:one_off' => '临时救助',
];
const LIVING_BENEFIT = [
    'orphan' => '孤儿基本生活费', 'de_facto_unsupported' => '事实无人抚养儿童生活补贴',
    'tekun' => '特困供养', 'dibao' => '低保', 'temporary' => '临时救助',
];

// the medical module's rates (its settings' defaults; setting_values wins)
const AID_CATEGORIES = ['orphan', 'de_facto_unsupported', 'tekun', 'dibao', 'ill_disabled'];
const AID_RATIO = ['orphan' => [10000, 7000], 'de_facto_unsupported' => [9000, 6000],
                   'tekun' => [10000, 7000], 'dibao' => [7000, 5000], 'ill_disabled' => [6000, 5000]];
const AID_CAP = ['orphan' => [6000000, 400000], 'de_facto_unsupported' => [6000000, 400000],
                 'tekun' => [6000000, 400000], 'dibao' => [5000000, 300000],
                 'ill_disabled' => [5000000, 300000]];
// the village module's visit intervals in days (the same)
const VISIT_DAYS = ['orphan' => 30, 'de_facto_unsupported' => 30, 'guardianship' => 30, 'other' => 90];

function yuan(int|string $fen): string
{
    $fen = (int)$fen;
    return ($fen < 0 ? '-' : '') . intdiv(abs($fen), 100) . '.' . sprintf('%02d', abs($fen) % 100);
}

// the 状态 cell of a living grant
function grant_status(array $g): string
{
    if ($g['benefit'] === 'temporary') {
        return '一次性救助';
    }
    if ($g['suspended'] !== null) {
        return '自 ' . $g['suspended'] . ' 起暂停';
    }
    if ((string)$g['ended'] === '1') {
        return $g['end_reason'] ? '已终止（' . $g['end_reason'] . '）' : '已终止';
    }
    return (string)$g['future'] === '1' ? '尚未开始' : '正常发放';
}

function grant_amount(array $g): string
{
    if ($g['benefit'] === 'temporary') {
        return $g['amount_fen'] !== null ? yuan($g['amount_fen']) . '（一次性）' : '—';
    }
    return (int)$g['amount_fen'] > 0 ? yuan($g['amount_fen']) : '—';
}
