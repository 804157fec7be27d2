import type { Column, Level } from './logframe.ts'
import type { LanguageCode } from '@cg/contract'

export interface LogframeLabels {
  level: string
  sector: string
  levels: Record<Level, string>
  columns: Record<Column, string>
}

/**
 * Headings of the exported table in each language. The column names are the logframe template's own
 * (templates/logframe/strings.json; a unit test keeps them equal), so a file reads like the board.
 */
export const LOGFRAME_LABELS: Record<LanguageCode, LogframeLabels> = {
  en: {
    level: 'Level',
    sector: 'Sector',
    levels: { goal: 'Goal', outcome: 'Outcome', output: 'Output', activity: 'Activity' },
    columns: {
      narrative: 'Narrative summary',
      indicators: 'Indicators',
      baseline: 'Baseline',
      target: 'Target',
      verification: 'Means of verification',
      assumptions: 'Assumptions and risks',
    },
  },
  fr: {
    level: 'Niveau',
    sector: 'Secteur',
    levels: { goal: 'Objectif global', outcome: 'Effet', output: 'Produit', activity: 'Activité' },
    columns: {
      narrative: 'Description',
      indicators: 'Indicateurs',
      baseline: 'Situation de référence',
      target: 'Cible',
      verification: 'Sources de vérification',
      assumptions: 'Hypothèses et risques',
    },
  },
  es: {
    level: 'Nivel',
    sector: 'Sector',
    levels: { goal: 'Fin', outcome: 'Resultado', output: 'Producto', activity: 'Actividad' },
    columns: {
      narrative: 'Resumen narrativo',
      indicators: 'Indicadores',
      baseline: 'Línea de base',
      target: 'Meta',
      verification: 'Medios de verificación',
      assumptions: 'Supuestos y riesgos',
    },
  },
  ar: {
    level: 'المستوى',
    sector: 'القطاع',
    levels: { goal: 'الهدف العام', outcome: 'النتيجة', output: 'المُخرَج', activity: 'النشاط' },
    columns: {
      narrative: 'الملخص السردي',
      indicators: 'المؤشرات',
      baseline: 'خط الأساس',
      target: 'الغاية',
      verification: 'وسائل التحقق',
      assumptions: 'الافتراضات والمخاطر',
    },
  },
}
