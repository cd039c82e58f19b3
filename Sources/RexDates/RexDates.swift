import RexModel
