/**
 * 用户协议与社区公约: static text, readable without any session. The 社区公约 part is the pinned
 * rules post of the seed itself (data/seed-articles.ts, generated), so the two never disagree.
 */
import { seededRules } from '../../data/seed-articles';

Component({
  data: { rules: seededRules },
  methods: {},
});
